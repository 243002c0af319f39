package io.wirewatch.base.ui;

import com.vaadin.flow.spring.SpringServlet;
import java.time.Duration;
import org.apache.tomcat.websocket.server.Constants;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.util.SimpleBroadcaster;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Vaadin Push writes to a tab's socket.
 *
 * <p>Vaadin hands every push message to Atmosphere's broadcaster. The default one queues it and
 * writes it on Atmosphere's own threads: two more thread hand-overs per push per tab, one queue all
 * tabs' pushes wait in, and no bound on how many wait for a tab that stopped reading.
 * {@link SimpleBroadcaster} writes on the pushing thread instead. Wirewatch pushes on its delivery
 * threads (virtual, one per delivery), so the write costs no hand-over, and a tab whose socket is
 * full holds up only its own delivery: its alerts then wait in the broadcaster's bounded backlog,
 * where the oldest are dropped and counted (see {@code bench/NOTES.md}).
 *
 * <p>Only on Java 24 and later. Atmosphere waits for a full socket inside a {@code synchronized}
 * block, and before Java 24 a virtual thread waiting there keeps its carrier thread: a few stuck
 * tabs would then stop every delivery. Older Java keeps Atmosphere's default broadcaster.
 *
 * <p>Atmosphere's own heartbeat is then switched off. It writes to the socket while holding the
 * connection's monitor, and when that write fails, Vaadin's disconnect handling takes the session
 * lock inside it; a push, which holds the session lock and needs that monitor to write, could then
 * wait on it for good. Vaadin's heartbeat (every 60 s, over HTTP) still tells which tabs are gone
 * ({@link SessionReaper} closes them), and Wirewatch's own keep-alive, an ordinary push sent with the
 * session lock held like any other, keeps sockets from looking idle and lets the page notice a dead
 * one ({@link PushWatchdog}).
 *
 * <p>Atmosphere reads the class from the Vaadin servlet's init parameters; Vaadin sets several
 * Atmosphere parameters itself but not this one.
 *
 * <p>Every open tab holds one push WebSocket, so what a socket holds is paid once per reader. The
 * settings here keep its buffers to what it uses (on any Java): {@link UnusedPushBuffers}, the
 * receive buffers Tomcat gives a new server socket ({@link #INITIAL_RECEIVE_BUFFER}) and the
 * connector's per-connection buffers ({@link #CONNECTION_BUFFER}). Tomcat's WebSocket send buffers
 * are set in {@code Application.main}.
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    /**
     * How long a push may wait for the tab's previous one to leave (Atmosphere's default is a
     * minute). The kernel's send buffer holds tens to hundreds of kilobytes, so a tab that takes
     * nothing for this long has stopped reading; its push connection is then closed, and its browser,
     * if it is still there, reconnects and gets its list again. The wait holds the tab's session
     * lock, which keeps the tabs of that one browser waiting too, so it is short.
     */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private static final String HEARTBEAT_FREQUENCY =
            "org.atmosphere.interceptor.HeartbeatInterceptor.heartbeatFrequencyInSeconds";

    /**
     * The receive buffers (text and binary) Tomcat gives each server WebSocket when it opens. Tomcat
     * takes them from the container's default message size limit, 8 KiB unless set, before the
     * endpoint sees the socket. No server socket here takes messages: the browser sends over HTTP
     * ({@code Application}'s push transport), and the demo feed and the benchmark's baseline ignore
     * what clients send. A larger message is refused with close code 1009. (Atmosphere raises its
     * push sockets' limit to 16 384 characters, Vaadin's setting, and Tomcat would grow the buffer
     * to that when a message arrives.)
     */
    static final int INITIAL_RECEIVE_BUFFER = 1024;

    /**
     * The buffers Tomcat's connector keeps per open connection, one for reading and one for writing,
     * between the socket and the request or WebSocket (8 KiB each unless set). A push is about 1.5 KB;
     * a larger message or request goes through in more than one pass.
     */
    static final int CONNECTION_BUFFER = 4096;

    /** Whether pushes are written on the pushing thread on this Java (see above). */
    static boolean writesOnPushingThread() {
        return Runtime.version().feature() >= 24;
    }

    @Bean
    static BeanPostProcessor pushBroadcasterSetting() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ServletRegistrationBean<?> registration
                        && registration.getServlet() instanceof SpringServlet) {
                    registration.addInitParameter(ApplicationConfig.ATMOSPHERE_INTERCEPTORS,
                            UnusedPushBuffers.class.getName());
                    if (writesOnPushingThread()) {
                        registration.addInitParameter(ApplicationConfig.BROADCASTER_CLASS,
                                SimpleBroadcaster.class.getName());
                        registration.addInitParameter(ApplicationConfig.WEBSOCKET_WRITE_TIMEOUT,
                                Long.toString(WRITE_TIMEOUT.toMillis()));
                        registration.addInitParameter(HEARTBEAT_FREQUENCY, "0");
                    }
                }
                return bean;
            }
        };
    }

    /** Tomcat reads the context parameters when its WebSocket container starts, with the web application. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        String receive = Integer.toString(INITIAL_RECEIVE_BUFFER);
        String connection = Integer.toString(CONNECTION_BUFFER);
        return factory -> {
            factory.addContextCustomizers(context -> {
                context.addParameter(Constants.TEXT_BUFFER_SIZE_SERVLET_CONTEXT_INIT_PARAM, receive);
                context.addParameter(Constants.BINARY_BUFFER_SIZE_SERVLET_CONTEXT_INIT_PARAM, receive);
            });
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("socket.appReadBufSize", connection);
                connector.setProperty("socket.appWriteBufSize", connection);
            });
        };
    }
}
