package dev.vanguard.support;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The internal network: loopback, private (site-local) and unique-local addresses, as a
 * service sees the caller after its trusted proxies. Metrics and info are only for it;
 * health stays open for probes, and the gateway does not route {@code /actuator} at all.
 */
public final class InternalNetwork {

	private InternalNetwork() {
	}

	/** Grants a request from the internal network, refuses every other. */
	public static AuthorizationManager<RequestAuthorizationContext> only() {
		return (authentication, context) -> new AuthorizationDecision(contains(context.getRequest().getRemoteAddr()));
	}

	/** Whether an IP literal is internal; anything that is not an IP literal is not. */
	public static boolean contains(@Nullable String address) {
		if (address == null) {
			return false;
		}
		try {
			InetAddress ip = InetAddress.ofLiteral(address);
			return ip.isLoopbackAddress() || ip.isSiteLocalAddress()
					|| (ip instanceof Inet6Address && (ip.getAddress()[0] & 0xFE) == 0xFC);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
