package io.wirewatch.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checks passwords (form login and HTTP Basic alike) behind the {@link LoginThrottle}. Every refusal,
 * whether the user is unknown, the password wrong or the account or address throttled, is the same
 * {@link BadCredentialsException}, so the answer tells a guesser nothing.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    static final String GENERIC_FAILURE = "Bad credentials";
    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final ClientAddress clientAddress;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle,
            ClientAddress clientAddress) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = currentAddress();
        if (!throttle.permits(username, address)) {
            log.warn("Refused a sign-in for '{}' from {}: too many failures", username, address);
            throw new BadCredentialsException(GENERIC_FAILURE);
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (AuthenticationException failure) {
            throttle.failed(username, address);
            throw new BadCredentialsException(GENERIC_FAILURE);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String currentAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return clientAddress.of(request);
        }
        return "unknown";
    }
}
