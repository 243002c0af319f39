package io.wirewatch.feed.demo;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One bundled sample story from {@code demo/alerts.json}. */
record DemoStory(String title, String description, String category, String priority, @Nullable String url,
        @Nullable List<String> symbols) {
}
