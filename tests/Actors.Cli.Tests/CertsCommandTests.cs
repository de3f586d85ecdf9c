using System.Security.Cryptography.X509Certificates;

namespace Actors.Cli.Tests;

public sealed class CertsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actors-certs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Certs_writes_a_node_certificate_signed_by_the_clusters_authority_whose_key_is_not_kept()
    {
        var (code, output, error) = await Cli.ActorsAsync("certs", "--out", _dir, "--cluster", "prod");

        Assert.True(code == 0, error);
        Assert.Contains("node.pfx", output);
        var password = File.ReadAllText(Path.Combine(_dir, "node.password"));
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(Path.Combine(_dir, "node.pfx"), password);
        var node = Assert.Single(all, c => c.HasPrivateKey);
        var authority = Assert.Single(all, c => !c.HasPrivateKey);
        Assert.Equal("CN=prod node, O=Actors", node.Subject);
        Assert.Equal(authority.Subject, node.Issuer);
        Assert.Equal(authority.RawData, X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_dir, "ca.crt"))).RawData);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "node.pfx")));
        }
    }

    [Theory]
    [InlineData("--cluster", "a,b", "--cluster")]
    [InlineData("--days", "0", "--days")]
    public async Task Certs_refuses_bad_arguments_naming_them(string option, string value, string named)
    {
        var (code, _, error) = await Cli.ActorsAsync("certs", "--out", _dir, option, value);

        Assert.Equal(2, code);
        Assert.Contains(named, error);
        Assert.False(File.Exists(Path.Combine(_dir, "node.pfx")));
    }
}
