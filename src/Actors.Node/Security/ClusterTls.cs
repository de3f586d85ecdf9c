using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Actors.Node;

/// <summary>Mutual TLS for one node: its certificate, and a validator that accepts a peer's certificate only if it
/// chains to the cluster's own authority. Akka 1.5.74 checks peers against the machine's trust store unless given a
/// <see cref="CertificateValidationCallback"/> through <see cref="DotNettySslSetup"/>; this is that callback, so
/// that no system-wide trust (and no other cluster's authority) ever admits a node.</summary>
internal sealed class ClusterTls
{
    private readonly X509Certificate2 _authority;
    private ActorSystem? _system;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        _authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Loads <paramref name="options"/>' file; throws <see cref="ArgumentException"/> naming what is wrong with it.</summary>
    public static ClusterTls Load(NodeTlsOptions options)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(options.Certificate, options.Password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"node:tls:certificate '{options.Certificate}' cannot be read as PKCS#12 with node:tls:password: {e.Message}", e);
        }

        var node = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new ArgumentException($"node:tls:certificate '{options.Certificate}' has no certificate with a private key");
        var authority = all.FirstOrDefault(c => !c.HasPrivateKey && c.Subject == node.Issuer)
            ?? throw new ArgumentException($"node:tls:certificate '{options.Certificate}' does not carry the authority that issued its node certificate ('{node.Issuer}'); make it with 'actors certs'");
        return new ClusterTls(node, authority);
    }

    /// <summary>The setup the node's ActorSystem is created with: mutual authentication on, chain checked against
    /// the cluster's authority only, host names not checked (nodes share one certificate and move between addresses).</summary>
    public DotNettySslSetup Setup() =>
        new(Certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, Validate);

    /// <summary>Lets refusals become <c>tls.refused</c> runtime events of <paramref name="system"/>.</summary>
    public void ReportTo(ActorSystem system) => _system = system;

    private bool Validate(X509Certificate2? peer, X509Chain? _, string remote, SslPolicyErrors errors, ILoggingAdapter log)
    {
        var problem = peer is null ? "no certificate" : Check(peer);
        if (problem is null)
        {
            return true;
        }

        log.Warning("Refused TLS peer {0}: {1} (subject '{2}', issuer '{3}'); only certificates of this cluster's authority '{4}' are accepted",
            remote, problem, peer?.Subject ?? "-", peer?.Issuer ?? "-", _authority.Subject);
        if (_system is { } system)
        {
            RuntimeEvents.Publish(system, "tls.refused", ("peer", remote), ("reason", problem), ("subject", peer?.Subject ?? "-"));
        }

        return false;
    }

    private string? Check(X509Certificate2 peer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        // The authority's key is discarded once the certificates are made, so there is nothing to revoke against.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(peer))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
            return $"certificate does not chain to this cluster's authority ({status})";
        }

        var root = chain.ChainElements[^1].Certificate;
        return root.RawDataMemory.Span.SequenceEqual(_authority.RawDataMemory.Span) ? null : "certificate chains to another authority";
    }
}
