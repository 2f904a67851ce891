package dev.kassa.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF layout: pages, footers and wrapping. */
class OrderPdfTest {

    private static OrderPdf.Content content(List<OrderPdf.Line> lines) {
        return new OrderPdf.Content("Invoice", "ACME-0001", List.of(new OrderPdf.Field("Invoice number", "ACME-0001")),
                "From", List.of("Acme Inc"), "Bill to", List.of("Ada Lovelace", "Germany"), lines,
                List.of(new OrderPdf.Total("Total", "$1.00", true)), Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void manyItemsFlowOntoMorePagesEachWithItsFooterAndTheTotalsComeLast() throws IOException {
        List<OrderPdf.Line> lines = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            lines.add(new OrderPdf.Line("Seat " + i, "March 1, 2026 - April 1, 2026", "$1.00"));
        }

        try (PDDocument document = Loader.loadPDF(OrderPdf.render(content(lines)))) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(1);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(document)).contains("ACME-0001", "Page " + page + " of " + pages);
            }
            stripper.setStartPage(pages);
            stripper.setEndPage(pages);
            assertThat(stripper.getText(document)).contains("Seat 60", "Total $1.00").doesNotContainPattern("(?m)^Seat 1 ");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Invoice ACME-0001");
        }
    }

    @Test
    void aLongLabelWrapsWithinTheDescriptionColumnAndKeepsEveryCharacter() throws IOException {
        String word = "x".repeat(300);

        String text;
        try (PDDocument document = Loader.loadPDF(OrderPdf.render(content(List.of(new OrderPdf.Line(word, null, "$1.00")))))) {
            text = new PDFTextStripper().getText(document);
        }

        assertThat(text.lines().filter(line -> line.matches("x+")).count()).isGreaterThan(1);
        assertThat(text.replaceAll("[^x]", "")).hasSize(300);
    }
}
