namespace Actors.Node;

/// <summary>Mutual TLS on the node's remoting port (section <c>node:tls</c>): the node presents
/// <see cref="Certificate"/> and accepts a peer, inbound or outbound, only if the peer presents a certificate
/// issued by the authority that the same file carries. Plaintext and certificates of any other authority are
/// refused during the TLS handshake, before a single Akka message is read. Make the file with
/// <c>actors certs --out DIR --cluster NAME</c>.</summary>
public sealed record NodeTlsOptions
{
    /// <summary>A PKCS#12 (.pfx) file with the node certificate and its private key, plus the cluster authority's
    /// certificate (the one certificate in the file without a private key).</summary>
    public string Certificate { get; init; } = "";

    /// <summary>The PKCS#12 file's password.</summary>
    public string Password { get; init; } = "";

    /// <summary>True when a certificate is configured, i.e. TLS is on.</summary>
    public bool Enabled => Certificate.Length > 0;
}
