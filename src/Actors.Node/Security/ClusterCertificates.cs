using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Node;

/// <summary>Makes a cluster's credentials: a certificate authority of its own and one node certificate it signs,
/// which every node of the cluster presents and requires of its peers (mutual TLS on Akka.Remote, see
/// <see cref="NodeTlsOptions"/>). The authority's private key is never written: no further certificate can be
/// issued for the cluster, so rotating means making a new set and rolling it out to every node.</summary>
public static class ClusterCertificates
{
    /// <summary>The node certificate's file: a PKCS#12 holding the node certificate, its key and the authority's certificate.</summary>
    public const string NodeFile = "node.pfx";

    /// <summary>The authority's certificate (PEM), for operators to inspect; nodes take it from <see cref="NodeFile"/>.</summary>
    public const string AuthorityFile = "ca.crt";

    /// <summary>The file holding <see cref="NodeFile"/>'s password.</summary>
    public const string PasswordFile = "node.password";

    /// <summary>Makes a new authority and node certificate for <paramref name="cluster"/> and writes
    /// <see cref="NodeFile"/>, <see cref="AuthorityFile"/> and <see cref="PasswordFile"/> into <paramref name="directory"/>.</summary>
    /// <returns>The options a node of this cluster runs with.</returns>
    public static NodeTlsOptions Write(string directory, string cluster, TimeSpan? validity = null)
    {
        if (string.IsNullOrWhiteSpace(cluster) || cluster.Any(c => char.IsControl(c) || c is ',' or '=' or '+' or '"' or '\\' or '<' or '>' or ';'))
        {
            throw new ArgumentException($"cluster name '{cluster}' is empty or has a character not allowed in a certificate name (, = + \" \\ < > ; or a control character)");
        }

        Directory.CreateDirectory(directory);
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore + (validity ?? TimeSpan.FromDays(365));
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN={cluster} cluster authority, O=Actors", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        using var authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest($"CN={cluster} node, O=Actors", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Each node is a TLS server for inbound associations and a TLS client for outbound ones.
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        nodeRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = nodeRequest.Create(authority, notBefore, notAfter, serial);
        using var node = signed.CopyWithPrivateKey(nodeKey);

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        // The authority goes in as its public certificate only: its key must not leave this method.
        using var authorityPublic = X509CertificateLoader.LoadCertificate(authority.RawData);
        var pfx = new X509Certificate2Collection { node, authorityPublic }.Export(X509ContentType.Pkcs12, password)!;
        var options = new NodeTlsOptions { Certificate = Path.GetFullPath(Path.Combine(directory, NodeFile)), Password = password };
        WritePrivate(options.Certificate, pfx);
        WritePrivate(Path.Combine(directory, PasswordFile), System.Text.Encoding.ASCII.GetBytes(password));
        File.WriteAllText(Path.Combine(directory, AuthorityFile), authority.ExportCertificatePem() + "\n");
        return options;
    }

    private static void WritePrivate(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Only the node's user reads the key and its password.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(content);
    }
}
