package dev.kassa.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** A request body read whole, refused with a 413 past a limit before more of it is read. */
public final class LimitedBody {

    private LimitedBody() {
    }

    public static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new PayloadTooLarge(maxBytes);
        }
        return bytes;
    }
}
