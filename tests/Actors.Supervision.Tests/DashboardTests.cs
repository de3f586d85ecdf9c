using Hello;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Actors.Supervision.Tests;

/// <summary>The dashboard the control endpoint serves, opened in a real headless Chromium (Debian's <c>chromium</c>
/// and <c>chromium-driver</c>, which the test command installs) against a running supervised cluster.</summary>
[Collection(SupervisorMeter.Collection)]
public sealed class DashboardTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    [SkippableFact]
    public async Task The_dashboard_shows_hosts_and_nodes_and_a_kill_and_its_restart_on_the_timeline()
    {
        Skip.IfNot(File.Exists(Chromium) && File.Exists(ChromeDriver),
            $"needs Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver}); bash .ci/test installs them as root");
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(2) };
        HostSpec[] hosts = [new("dash-a", "inproc://", 4096, 8), new("dash-b", "inproc://", 2048, 4)];
        var events = new EventLog();
        await using var cluster = await SupervisorMeter.StartAsync([greeter], hosts, events);
        await SupervisorMeter.UpAsync(events, "greeter-1", "greeter-2");
        using var browser = Browser.Start();
        var wait = new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(60));

        browser.Driver.Navigate().GoToUrl(cluster.Endpoint!.Url);
        wait.Until(d => Cell(d, "node", "greeter-1", "state") == "up" && Cell(d, "node", "greeter-2", "state") == "up"
            && Cell(d, "host", "dash-b", "host") == "dash-b");
        var hostA = Row(browser.Driver, "host", "dash-a");
        var greeter1Host = Cell(browser.Driver, "node", "greeter-1", "host");
        var before = Cell(browser.Driver, "node", "greeter-1", "restarts");
        using var http = new HttpClient();
        var kill = await http.PostAsync(cluster.Endpoint!.Url + "nodes/greeter-1/kill", null);
        wait.Until(d => Entry(d, "kill", "greeter-1") is not null && Entry(d, "restart", "greeter-1") is not null
            && Cell(d, "node", "greeter-1", "restarts") == "1" && Cell(d, "node", "greeter-1", "state") == "up");
        var killed = Entry(browser.Driver, "kill", "greeter-1")!;
        var restarted = Entry(browser.Driver, "restart", "greeter-1")!;
        var order = Texts(browser.Driver, "#timeline li[data-node='greeter-1']", "data-kind").Reverse().ToList();

        Assert.Equal(202, (int)kill.StatusCode);
        Assert.Equal("0", before);
        Assert.Equal(["dash-a", "inproc://", "4096", "8", "no"], hostA.Select((text, i) => i is 2 or 3 ? text.Split(" / ")[1] : text));
        Assert.Contains(greeter1Host, new[] { "dash-a", "dash-b" });
        Assert.Equal("greeter", Cell(browser.Driver, "node", "greeter-1", "service"));
        Assert.Equal("0", Cell(browser.Driver, "node", "greeter-2", "restarts"));
        Assert.Contains("greeter-1", killed);
        Assert.Contains("destroyed", killed);
        Assert.Contains("greeter-1", restarted);
        // Oldest first: booted and up, killed, restarted, booted and up again.
        Assert.True(order.IndexOf("kill") < order.IndexOf("restart") && order.LastIndexOf("up") > order.IndexOf("restart"), string.Join(", ", order));
        Assert.Contains("2 nodes, 2 up, 1 restarts", Texts(browser.Driver, "#summary").Single());
    }

    // The page replaces its tables and timeline on every poll, so an element found by one WebDriver call can be gone by
    // the next (a stale element). Each read below is one script run in the page, which sees a single rendering.
    private static IReadOnlyList<string> Texts(IWebDriver driver, string selector, string? attribute = null)
    {
        const string script = """
            return Array.from(document.querySelectorAll(arguments[0]),
                e => arguments[1] ? e.getAttribute(arguments[1]) ?? "" : e.innerText.trim());
            """;
        var found = (IEnumerable<object>)((IJavaScriptExecutor)driver).ExecuteScript(script, selector, attribute)!;
        return found.Select(value => (string)value).ToList();
    }

    private static IReadOnlyList<string> Row(IWebDriver driver, string key, string name) =>
        Texts(driver, $"tr[data-{key}='{name}'] td");

    private static string? Cell(IWebDriver driver, string key, string name, string field) =>
        Texts(driver, $"tr[data-{key}='{name}'] td[data-field='{field}']").FirstOrDefault();

    private static string? Entry(IWebDriver driver, string kind, string node) =>
        Texts(driver, $"#timeline li[data-kind='{kind}'][data-node='{node}']").FirstOrDefault();

    /// <summary>Headless Chromium through chromedriver, with a profile of its own that is deleted afterwards.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly string _profile;

        private Browser(ChromeDriver driver, string profile) => (Driver, _profile) = (driver, profile);

        public ChromeDriver Driver { get; }

        public static Browser Start()
        {
            var profile = Path.Combine(Path.GetTempPath(), $"actors-chromium-{Guid.NewGuid():N}");
            var options = new ChromeOptions { BinaryLocation = Chromium };
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. The rest keep the browser off
            // the network: no updates, sync, or background fetches.
            options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                $"--user-data-dir={profile}");
            var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
            service.SuppressInitialDiagnosticInformation = true;
            service.HideCommandPromptWindow = true;
            return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)), profile);
        }

        public void Dispose()
        {
            Driver.Quit();
            Driver.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium's last writes may still land; the directory is in the temp folder either way.
            }
        }
    }
}
