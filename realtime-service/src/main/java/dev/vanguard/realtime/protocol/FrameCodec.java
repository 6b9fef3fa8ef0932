package dev.vanguard.realtime.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * Turns frames into bytes and back. A broadcast frame is written once into one direct
 * buffer that every connection then shares (each holds a retained duplicate), so the cost
 * per recipient is a reference, never a copy or a second serialisation.
 */
@Component
public class FrameCodec {

	private final ObjectMapper mapper;

	private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;

	public FrameCodec(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The frame as UTF-8 JSON in a direct buffer (reference count 1, owned by the
	 * caller).
	 */
	public ByteBuf encode(ServerFrame frame) {
		ByteBuf buffer = this.allocator.directBuffer(256);
		try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
			this.mapper.writeValue((OutputStream) out, frame);
			return buffer;
		}
		catch (IOException | RuntimeException ex) {
			buffer.release();
			throw new IllegalStateException("Could not serialise " + frame.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * Reads a client frame without copying it out of the socket's buffer.
	 * @throws JacksonException when it is not JSON or not a known frame
	 */
	public ClientFrame decode(ByteBuf content) {
		try (InputStream in = new ByteBufInputStream(content.duplicate())) {
			return this.mapper.readValue(in, ClientFrame.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
