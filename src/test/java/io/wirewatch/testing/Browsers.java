package io.wirewatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for end-to-end tests. The browser comes from {@code CHROME_BIN} or Debian's
 * {@code /usr/bin/chromium}, the driver from {@code CHROMEDRIVER} or {@code /usr/bin/chromedriver};
 * where neither exists, Selenium Manager provides both (this needs internet access).
 */
public final class Browsers {

    private Browsers() {
    }

    public static ChromeDriver headlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-gpu", "--window-size=1280,900");
        String browser = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium");
        if (browser != null) {
            options.setBinary(browser);
        }
        String driver = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver");
        if (driver != null) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(driver).toFile()).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        }
        return new ChromeDriver(options);
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>}, for people to look at. */
    public static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Whether the news list shows the alert's card. */
    public static boolean showsCard(ChromeDriver browser, String alertId) {
        return !browser.findElements(By.cssSelector("#alert-list [data-alert-id='" + alertId + "']")).isEmpty();
    }

    private static String firstExisting(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
