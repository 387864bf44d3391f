using Microsoft.Playwright;

namespace Neurotag.Cli.Tests;

/// <summary>
/// The report page in a real headless browser: Debian's chromium (installed by .ci/run with apt), driven by
/// Playwright through <c>ExecutablePath</c>; no browser is ever downloaded. Without /usr/bin/chromium the test fails
/// with the command that installs it, rather than skipping: a skipped browser test would let a broken page pass CI.
/// </summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Report_InHeadlessChromium_FiguresRenderWithoutErrorsOrRequests_AndExpectationsMatchCheck()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the report's browser test needs Debian's chromium (apt-get install -y --no-install-recommends chromium; .ci/run does this)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var temp = new TempFolder();
        var (scenario, _, report) = ReportCommandTests.RunAndReport(temp);
        var expected = ReportCommandTests.CheckRows(scenario);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"], // the tests run as root
        });
        var page = await browser.NewPageAsync();
        string pageUrl = new Uri(report).AbsoluteUri;
        var requests = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);

        // Anything but the page itself is refused, so a stray reference would also show up as a failed image.
        await page.RouteAsync("**/*", route => route.Request.Url == pageUrl ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(pageUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        var figures = await page.Locator("img.figure").AllAsync();
        Assert.NotEmpty(figures);
        foreach (var figure in figures)
        {
            string name = await figure.GetAttributeAsync("alt") ?? "?";
            var size = await figure.EvaluateAsync<double[]>("img => [img.complete ? 1 : 0, img.naturalWidth, img.getBoundingClientRect().width, img.getBoundingClientRect().height]");
            Assert.True(size[0] == 1 && size[1] > 0, $"figure {name} did not decode (naturalWidth {size[1]})");
            Assert.True(size[2] > 0 && size[3] > 0, $"figure {name} has rendered size {size[2]}×{size[3]}");
        }

        var rows = await page.Locator("table.expectations tbody tr").AllAsync();
        var shown = new List<(string, string, string)>();
        foreach (var row in rows)
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            shown.Add((cells[0].Trim(), cells[1].Trim(), cells[2].Trim()));
        }

        Assert.Empty(consoleErrors);
        Assert.Equal([pageUrl], requests);
        Assert.Equal(expected, shown);
    }
}
