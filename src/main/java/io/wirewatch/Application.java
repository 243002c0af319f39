package io.wirewatch;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Wirewatch: live news alerts from upstream WebSocket feeds to every open browser tab.
 *
 * <p>Pushes go over a WebSocket and the browser's own messages (clicks, filter changes) over HTTP:
 * a push socket then only ever sends, so it keeps small receive buffers for the tab's lifetime
 * ({@code PushConfiguration}), and a browser message has no WebSocket message size limit to meet.
 */
@SpringBootApplication
@Push(transport = Transport.WEBSOCKET_XHR)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
public class Application implements AppShellConfigurator {

    /**
     * Tomcat's per-WebSocket send buffers (the encoder's and the frame's) and its frame read buffer,
     * 8 KiB each unless set. Tomcat reads this system property once, when its WebSocket classes load,
     * so it is set before Spring starts Tomcat. A push of about 1.5 KB fits in one frame; a larger
     * one goes out as more than one frame. One open tab holds one push socket, so this is 12 KB
     * less per reader (bench/NOTES.md). It would also be the default message size limit of a Tomcat
     * WebSocket client; the feeds use the JDK's client, which it does not touch.
     */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        System.getProperties().putIfAbsent(WEBSOCKET_BUFFER_PROPERTY, "4096");
        SpringApplication.run(Application.class, args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Wirewatch");
    }
}
