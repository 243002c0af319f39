package io.wirewatch.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes a tab notice when its push socket has silently died, instead of showing a list that quietly
 * stopped being live.
 *
 * <p>A push socket can die without either end noticing: after the reader's network changed, or when
 * something between them dropped the connection without closing it (a half-open connection). The
 * server's writes vanish, the browser waits for messages that never come, and its heartbeats, over
 * HTTP on other connections, still get through, so neither Vaadin nor the server sees anything
 * wrong. The only sign is silence, and silence is normal on a quiet filter.
 *
 * <p>So silence is made abnormal: {@link SessionReaper} sends every open tab a small keep-alive over
 * its push connection every {@code wirewatch.push.keep-alive} (15 s), and the script this class puts
 * in every page expects it. After three intervals without one (and a second look, so a tab that was
 * just woken first handles the messages waiting for it), the page asks the server's health endpoint
 * whether the server itself is reachable:
 * <ul>
 *   <li>reachable: the page reloads, which opens a new push connection and shows the list from the
 *       store, alerts missed meanwhile included. Only on a view marked {@link #RELOAD_SAFE} (the news
 *       desk); on others a banner offers the reload;</li>
 *   <li>reachable, but the page already reloaded for this reason within the last five minutes (so a
 *       reload did not help, for example a proxy that lets the socket open but passes nothing): it
 *       says so in a banner with a Reload button rather than reloading in a loop;</li>
 *   <li>not reachable (no answer within 5 s, or an answer that is not the health endpoint's, such
 *       as a proxy's error page): it says so in the banner, keeps the list, and looks again.</li>
 * </ul>
 * The banner goes as soon as a keep-alive arrives again. It is made by the page itself, because the
 * server cannot reach a tab in this state; it contains only constant text.
 */
@Component
public class PushWatchdog implements VaadinServiceInitListener {

    /** Run by a keep-alive push: the push socket works. */
    static final String KEEP_ALIVE = "window.wirewatchLink?.alive()";

    /**
     * $0: the keep-alive interval in ms; $1: the health endpoint's URL, relative to the application;
     * $2: {@link #RELOAD_SAFE}. Idempotent: a page keeps one watchdog, whatever number of times this
     * runs. Its text stays within Latin-1 (the ellipsis is a JavaScript escape): Java keeps a
     * string with any other character at two bytes per character, and this script is part of
     * every tab's first message.
     */
    static final String WATCH = """
            const link = window.wirewatchLink ??= { heardCount: 0 };
            link.every = $0;
            link.heard = Date.now();
            if (link.timer) return;
            const reloadedKey = 'wirewatch.link-reloaded-at';
            const stillSilent = () => Date.now() - link.heard >= 3 * link.every;
            const remember = (key, value) => {
              try { return value === undefined ? sessionStorage.getItem(key) : sessionStorage.setItem(key, value); }
              catch (unavailable) { return null; }
            };
            const say = (text, offerReload) => {
              if (!link.banner) {
                link.banner = document.createElement('div');
                link.banner.className = 'link-banner';
                link.banner.setAttribute('role', 'alert');
                link.text = document.createElement('span');
                link.button = document.createElement('button');
                link.button.type = 'button';
                link.button.textContent = 'Reload';
                link.button.addEventListener('click', () => location.reload());
                link.banner.append(link.text, link.button);
                document.body.append(link.banner);
              }
              link.text.textContent = text;
              link.button.hidden = !offerReload;
              link.banner.hidden = false;
            };
            link.alive = () => {
              link.heard = Date.now();
              link.heardCount++;
              link.suspect = false;
              if (link.banner) link.banner.hidden = true;
            };
            link.check = async () => {
              if (!stillSilent()) { link.suspect = false; return; }
              if (!link.suspect) { link.suspect = true; return; }
              if (link.probing) return;
              link.probing = true;
              let reachable = false;
              try {
                const answer = await fetch(new URL($1, document.baseURI), { cache: 'no-store', signal: AbortSignal.timeout(5000) });
                reachable = (answer.headers.get('content-type') || '').includes('json');
              } catch (unreachable) {
                reachable = false;
              } finally {
                link.probing = false;
              }
              if (!stillSilent()) return;
              if (!reachable) {
                say('Cannot reach the server: live updates are paused. Trying again\\u2026', true);
              } else if (!document.querySelector('.' + $2)) {
                say('Live updates stopped reaching this tab. Reload to reconnect.', true);
              } else if (Date.now() - Number(remember(reloadedKey) || 0) > 5 * 60 * 1000) {
                remember(reloadedKey, String(Date.now()));
                say('Live updates stopped reaching this tab. Reconnecting\\u2026', false);
                location.reload();
              } else {
                say('Live updates are not reaching this tab, even after reconnecting. Reload to try again.', true);
              }
            };
            link.timer = setInterval(link.check, Math.min(5000, link.every));
            """;

    /**
     * The class name a view puts on its element when a reload loses nothing on it (its state comes
     * back from the store and the URL). Only there does the page reload by itself; elsewhere, such as
     * the admin's half-filled form, the banner offers the reload instead. A class rather than an
     * attribute: a view that has a class already costs no further map per tab.
     */
    public static final String RELOAD_SAFE = "reload-safe";

    /** The health endpoint the page asks, relative to the application's root. */
    static final String HEALTH = "actuator/health";

    private final Duration keepAlive;

    PushWatchdog(@Value("${wirewatch.push.keep-alive:15s}") Duration keepAlive) {
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("wirewatch.push.keep-alive must be positive, was " + keepAlive);
        }
        this.keepAlive = keepAlive;
    }

    Duration keepAlive() {
        return keepAlive;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> install(init.getUI()));
    }

    private void install(UI ui) {
        ui.getPage().executeJs(WATCH, keepAlive.toMillis(), HEALTH, RELOAD_SAFE);
    }

    /** Tells the tab its push connection works; goes out with the session's next push. */
    static void keepAlive(UI ui) {
        ui.getPage().executeJs(KEEP_ALIVE);
    }
}
