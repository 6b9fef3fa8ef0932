package dev.vanguard.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a request body over the limit with a {@link ProblemType#PAYLOAD_TOO_LARGE}
 * problem before it is read: by its declared length or, for a chunked body, after reading
 * at most one byte past the limit. For services whose every body is a small JSON
 * document. Runs before the security filters, so that nobody can make a service buffer a
 * large body.
 */
public final class BodyLimitFilter extends OncePerRequestFilter implements Ordered {

	private final long maxBytes;

	private final HandlerExceptionResolver resolver;

	/**
	 * @param maxBody the largest body taken
	 * @param resolver Spring MVC's {@code handlerExceptionResolver}, which writes the
	 * problem
	 */
	public BodyLimitFilter(DataSize maxBody, HandlerExceptionResolver resolver) {
		this.maxBytes = maxBody.toBytes();
		this.resolver = resolver;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			refuse(request, response);
			return;
		}
		if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			byte[] body = request.getInputStream().readNBytes((int) this.maxBytes + 1);
			if (body.length > this.maxBytes) {
				refuse(request, response);
				return;
			}
			chain.doFilter(new ReadBody(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) {
		ProblemException tooLarge = new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Payload too large",
				"The request body is larger than " + this.maxBytes + " bytes.");
		// the client may still be sending: do not keep the connection for the rest
		tooLarge.getHeaders().set(HttpHeaders.CONNECTION, "close");
		this.resolver.resolveException(request, response, null, tooLarge);
	}

	/** The request with its (chunked) body already read, within the limit. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was read already");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
