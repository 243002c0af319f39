package io.wirewatch.base.ui;

import com.vaadin.flow.spring.SpringServlet;
import java.time.Duration;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.util.SimpleBroadcaster;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
 * wait on it for good. Vaadin's heartbeat (every 60 s, over HTTP) still finds tabs that are gone; a
 * proxy in front that closes idle WebSockets makes the browser reconnect (README, Production).
 *
 * <p>Atmosphere reads the class from the Vaadin servlet's init parameters; Vaadin sets several
 * Atmosphere parameters itself but not this one.
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

    /** Whether pushes are written on the pushing thread on this Java (see above). */
    static boolean writesOnPushingThread() {
        return Runtime.version().feature() >= 24;
    }

    @Bean
    static BeanPostProcessor pushBroadcasterSetting() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (writesOnPushingThread() && bean instanceof ServletRegistrationBean<?> registration
                        && registration.getServlet() instanceof SpringServlet) {
                    registration.addInitParameter(ApplicationConfig.BROADCASTER_CLASS,
                            SimpleBroadcaster.class.getName());
                    registration.addInitParameter(ApplicationConfig.WEBSOCKET_WRITE_TIMEOUT,
                            Long.toString(WRITE_TIMEOUT.toMillis()));
                    registration.addInitParameter(HEARTBEAT_FREQUENCY, "0");
                }
                return bean;
            }
        };
    }
}
