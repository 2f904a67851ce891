package dev.kassa.order;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jspecify.annotations.Nullable;

/**
 * Lays an invoice or a receipt out on A4 pages with PDFBox: the title and numbers, seller and buyer side by side,
 * the line items, then the totals, with "number - page n of m" at the foot of each page. Text is set in DejaVu Sans
 * (bundled under {@code resources/fonts}, embedded as a subset of the glyphs used): Latin, Greek and Cyrillic scripts
 * print as is; a character the font has no glyph for (CJK, emoji, ...) prints as {@code ?} rather than failing the
 * document. Right-to-left scripts are drawn in logical order, unshaped.
 */
final class OrderPdf {

    /** What the document says; amounts come formatted. */
    record Content(String title, String number, List<Field> heading, String sellerLabel, List<String> seller,
            String buyerLabel, List<String> buyer, List<Line> lines, List<Total> totals, Instant producedAt) {
    }

    record Field(String label, String value) {
    }

    /** A line item: its label, the period it bills (or null) and its amount. */
    record Line(String description, @Nullable String detail, String amount) {
    }

    record Total(String label, String amount, boolean emphasized) {
    }

    private static final byte[] REGULAR_FONT = font("DejaVuSans.ttf");
    private static final byte[] BOLD_FONT = font("DejaVuSans-Bold.ttf");
    private static final float MARGIN = 56;
    private static final float TEXT = 10;
    private static final float SMALL = 8;
    private static final float LEADING = 1.45f;
    private static final float BOTTOM = MARGIN + 24;
    private static final float GREY = 0.42f;

    private OrderPdf() {
    }

    static byte[] render(Content content) {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(content.title() + " " + content.number());
            info.setCreator("Kassa");
            Calendar produced = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            produced.setTimeInMillis(content.producedAt().toEpochMilli());
            info.setCreationDate(produced);
            new Layout(document, content).draw();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the document could not be rendered", e);
        }
    }

    private static byte[] font(String name) {
        try (InputStream in = OrderPdf.class.getResourceAsStream("/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("font " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces what the font has no glyph for, and control characters, so that drawing never fails. */
    static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String one = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
            try {
                font.encode(one);
                out.append(one);
            } catch (IllegalArgumentException | IOException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** One pass over the content, adding pages as the cursor reaches the bottom margin. */
    private static final class Layout {
        private final PDDocument document;
        private final Content content;
        private final List<PDPage> pages = new ArrayList<>();
        private final float width = PDRectangle.A4.getWidth();
        private final float height = PDRectangle.A4.getHeight();
        private final float right = width - MARGIN;
        private final PDFont regular;
        private final PDFont bold;
        private PDPageContentStream stream;
        private float y;

        Layout(PDDocument document, Content content) throws IOException {
            this.document = document;
            this.content = content;
            this.regular = PDType0Font.load(document, new ByteArrayInputStream(REGULAR_FONT), true);
            this.bold = PDType0Font.load(document, new ByteArrayInputStream(BOLD_FONT), true);
        }

        void draw() throws IOException {
            newPage();
            text(bold, 22, MARGIN, y, content.title());
            y -= 34;
            for (Field field : content.heading()) {
                text(bold, TEXT, MARGIN, y, field.label());
                text(regular, TEXT, MARGIN + 110, y, field.value());
                y -= TEXT * LEADING;
            }
            y -= 20;
            parties();
            y -= 28;
            lines();
            y -= 14;
            totals();
            stream.close();
            footers();
        }

        private void parties() throws IOException {
            float column = (right - MARGIN) / 2;
            float top = y;
            float left = block(content.sellerLabel(), content.seller(), MARGIN, column - 12, top);
            float rightEnd = block(content.buyerLabel(), content.buyer(), MARGIN + column, column - 12, top);
            y = Math.min(left, rightEnd);
        }

        private float block(String label, List<String> lines, float x, float maxWidth, float top) throws IOException {
            float at = top;
            text(bold, SMALL, x, at, label.toUpperCase(java.util.Locale.ROOT), GREY);
            at -= SMALL * LEADING + 2;
            for (String line : lines) {
                for (String part : wrap(regular, TEXT, line, maxWidth)) {
                    text(regular, TEXT, x, at, part);
                    at -= TEXT * LEADING;
                }
            }
            return at;
        }

        private void lines() throws IOException {
            float amountColumn = right - 90;
            tableHeader(amountColumn);
            for (Line line : content.lines()) {
                List<String> description = wrap(regular, TEXT, line.description(), amountColumn - MARGIN - 16);
                float needed = description.size() * TEXT * LEADING + (line.detail() == null ? 0 : SMALL * LEADING) + 10;
                if (y - needed < BOTTOM) {
                    newPage();
                    tableHeader(amountColumn);
                }
                float first = y;
                for (String part : description) {
                    text(regular, TEXT, MARGIN, y, part);
                    y -= TEXT * LEADING;
                }
                if (line.detail() != null) {
                    text(regular, SMALL, MARGIN, y, line.detail(), GREY);
                    y -= SMALL * LEADING;
                }
                textRight(regular, TEXT, right, first, line.amount());
                y -= 4;
                rule(y + 8);
                y -= 6;
            }
        }

        private void tableHeader(float amountColumn) throws IOException {
            text(bold, SMALL, MARGIN, y, "DESCRIPTION", GREY);
            textRight(bold, SMALL, right, y, "AMOUNT", GREY);
            y -= 6;
            rule(y);
            y -= TEXT * LEADING + 2;
        }

        private void totals() throws IOException {
            float labels = right - 230;
            for (Total total : content.totals()) {
                if (y - TEXT * LEADING < BOTTOM) {
                    newPage();
                }
                PDFont font = total.emphasized() ? bold : regular;
                text(font, TEXT, labels, y, total.label());
                textRight(font, TEXT, right, y, total.amount());
                y -= TEXT * LEADING + 3;
            }
        }

        private void footers() throws IOException {
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream footer = new PDPageContentStream(document, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    stream = footer;
                    text(regular, SMALL, MARGIN, MARGIN - 20, content.number(), GREY);
                    textRight(regular, SMALL, right, MARGIN - 20, "Page " + (i + 1) + " of " + pages.size(), GREY);
                }
            }
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            pages.add(page);
            stream = new PDPageContentStream(document, page);
            y = height - MARGIN - 10;
        }

        private void rule(float at) throws IOException {
            stream.setStrokingColor(0.85f);
            stream.setLineWidth(0.6f);
            stream.moveTo(MARGIN, at);
            stream.lineTo(right, at);
            stream.stroke();
        }

        private void text(PDFont font, float size, float x, float at, String value) throws IOException {
            text(font, size, x, at, value, 0f);
        }

        private void text(PDFont font, float size, float x, float at, String value, float grey) throws IOException {
            stream.beginText();
            stream.setNonStrokingColor(grey);
            stream.setFont(font, size);
            stream.newLineAtOffset(x, at);
            stream.showText(printable(font, value));
            stream.endText();
        }

        private void textRight(PDFont font, float size, float x, float at, String value) throws IOException {
            textRight(font, size, x, at, value, 0f);
        }

        private void textRight(PDFont font, float size, float x, float at, String value, float grey) throws IOException {
            text(font, size, x - width(font, size, value), at, value, grey);
        }
    }

    private static float width(PDFont font, float size, String value) throws IOException {
        return font.getStringWidth(printable(font, value)) / 1000 * size;
    }

    /** Splits text into lines no wider than {@code maxWidth}, at spaces when it can. */
    static List<String> wrap(PDFont font, float size, String text, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(font, size, rest) > maxWidth && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(font, size, rest.substring(0, cut)) > maxWidth) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
