package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Records push traffic from a running app for {@link PushFrameParserTest}: one file per tab, one
 * line per piece of text exactly as the JDK WebSocket handed it over, and beside it a list of the
 * pieces' lengths and {@code last} flags. Not part of any test run; start the app, then e.g.
 * {@code ./mvnw -Pbench test -Dtest=PushFrameRecorder -Drecord.url=http://127.0.0.1:18181/}.
 */
@Tag("benchmark")
class PushFrameRecorder {

    @Test
    void record_an_unfiltered_and_a_filtered_tab() throws Exception {
        URI server = URI.create(System.getProperty("record.url", "http://127.0.0.1:18181/"));
        Duration length = Duration.parse(System.getProperty("record.duration", "PT60S"));
        Path out = Path.of("target", "push-recording");
        Files.createDirectories(out);
        HttpClient http = VaadinTabClient.sharedHttpClient();
        List<String> routes = List.of("/", "/?category=markets,sports");
        List<VaadinTabClient> tabs = new ArrayList<>();
        List<List<String>> pieces = new ArrayList<>();
        for (String route : routes) {
            List<String> recorded = Collections.synchronizedList(new ArrayList<>());
            pieces.add(recorded);
            VaadinTabClient tab = new VaadinTabClient(http, server, Duration.ofSeconds(30))
                    .tap((text, last) -> recorded.add(text + "\u0000" + last));
            tab.open(route);
            tabs.add(tab);
        }
        LockSupport.parkNanos(length.toNanos());
        for (int i = 0; i < tabs.size(); i++) {
            tabs.get(i).close();
            List<String> lines = new ArrayList<>();
            List<String> index = new ArrayList<>();
            synchronized (pieces.get(i)) {
                for (String piece : pieces.get(i)) {
                    int cut = piece.lastIndexOf('\u0000');
                    lines.add(piece.substring(0, cut));
                    index.add(cut + " chars, last=" + piece.substring(cut + 1));
                }
            }
            Files.write(out.resolve("tab" + i + ".txt"), lines);
            Files.write(out.resolve("tab" + i + ".index"), index);
            System.out.println("tab " + i + " (" + routes.get(i) + "): " + lines.size() + " pieces");
        }
        assertThat(pieces).allSatisfy(recorded -> assertThat(recorded).isNotEmpty());
    }
}
