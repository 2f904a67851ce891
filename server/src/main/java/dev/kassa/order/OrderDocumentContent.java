package dev.kassa.order;

import dev.kassa.address.Address;
import dev.kassa.customer.Customer;
import dev.kassa.money.Currencies;
import dev.kassa.order.OrderPdf.Content;
import dev.kassa.order.OrderPdf.Field;
import dev.kassa.order.OrderPdf.Line;
import dev.kassa.order.OrderPdf.Total;
import dev.kassa.organization.Organization;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an order's invoice and receipt say, after Polar's {@code invoice/generator.py} and {@code receipt/generator.py}:
 * the organization sells (Kassa has no merchant of record), the order's billing name, address and tax ID buy; one
 * line per order item; subtotal, discount, "total excluding tax" and tax when there is tax, total, and what was
 * refunded. Dates are UTC, written out in US English ("December 2, 2026"); amounts are formatted by
 * {@link Currencies#format}, so zero-decimal currencies have no decimals.
 */
final class OrderDocumentContent {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US).withZone(ZoneOffset.UTC);

    /** The order's amounts as its public schema reports them (refunds included). */
    record Amounts(long subtotal, long discount, long net, long tax, long total, long refunded, long refundedTax,
            String currency) {

        static Amounts of(dev.kassa.order.schemas.Order view) {
            var b = view.base();
            return new Amounts(b.subtotalAmount(), b.discountAmount(), b.netAmount(), b.taxAmount(), b.totalAmount(),
                    b.refundedAmount(), b.refundedTaxAmount(), b.currency());
        }
    }

    private OrderDocumentContent() {
    }

    static String invoiceFileName(Order order) {
        return "Invoice-" + order.invoiceNumber() + ".pdf";
    }

    static String receiptFileName(String receiptNumber) {
        return "Receipt-" + receiptNumber + ".pdf";
    }

    static Content invoice(Order order, Amounts amounts, Organization seller, Instant now) {
        List<Field> heading = List.of(new Field("Invoice number", order.invoiceNumber()),
                new Field("Date of issue", DATE.format(order.createdAt())));
        List<String> buyer = new ArrayList<>();
        buyer.add(order.billingName());
        buyer.addAll(addressLines(order.billingAddress()));
        if (order.taxId() != null) {
            buyer.add(order.taxId().value());
        }
        List<Total> totals = totals(amounts);
        addRefund(totals, amounts);
        return new Content("Invoice", order.invoiceNumber(), heading, "From", List.of(seller.name()), "Bill to", buyer,
                lines(order, amounts.currency()), totals, now);
    }

    static Content receipt(Order order, String receiptNumber, Amounts amounts, Organization seller, Customer customer,
            Instant now) {
        List<Field> heading = List.of(new Field("Invoice number", order.invoiceNumber()),
                new Field("Receipt number", receiptNumber), new Field("Date paid", DATE.format(order.createdAt())));
        List<String> buyer = new ArrayList<>();
        String name = order.billingName() != null ? order.billingName()
                : customer != null && customer.name() != null ? customer.name() : null;
        if (name != null) {
            buyer.add(name);
        }
        buyer.addAll(addressLines(order.billingAddress()));
        if (order.taxId() != null) {
            buyer.add(order.taxId().value());
        }
        if (customer != null && customer.email() != null && !customer.email().equals(name)) {
            buyer.add(customer.email());
        }
        List<Total> totals = totals(amounts);
        totals.add(new Total("Amount paid", money(amounts.total(), amounts.currency()), false));
        addRefund(totals, amounts);
        return new Content("Receipt", receiptNumber, heading, "From", List.of(seller.name()), "Paid by", buyer,
                lines(order, amounts.currency()), totals, now);
    }

    private static List<Line> lines(Order order, String currency) {
        return order.items().stream().map(item -> new Line(item.label(), period(item), money(item.amount(), currency)))
                .toList();
    }

    private static String period(Order.Item item) {
        if (item.periodStart() == null || item.periodEnd() == null) {
            return null;
        }
        return DATE.format(item.periodStart()) + " - " + DATE.format(item.periodEnd());
    }

    private static List<Total> totals(Amounts a) {
        List<Total> totals = new ArrayList<>();
        totals.add(new Total("Subtotal", money(a.subtotal(), a.currency()), false));
        if (a.discount() > 0) {
            totals.add(new Total("Discount", money(-a.discount(), a.currency()), false));
        }
        if (a.tax() > 0) {
            totals.add(new Total("Total excluding tax", money(a.net(), a.currency()), false));
            totals.add(new Total("Tax", money(a.tax(), a.currency()), false));
        }
        totals.add(new Total("Total", money(a.total(), a.currency()), true));
        return totals;
    }

    /** Polar's receipt: "Amount refunded", the refunded net amount and tax together, negative. */
    private static void addRefund(List<Total> totals, Amounts a) {
        long refunded = a.refunded() + a.refundedTax();
        if (refunded > 0) {
            totals.add(new Total("Amount refunded", money(-refunded, a.currency()), false));
        }
    }

    static String money(long minor, String currency) {
        return Currencies.format(minor, currency);
    }

    /** Street lines, "postal code city", the state or province, then the country's English name. */
    static List<String> addressLines(Address address) {
        if (address == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (address.line1() != null) {
            lines.add(address.line1());
        }
        if (address.line2() != null) {
            lines.add(address.line2());
        }
        String city = String.join(" ", java.util.stream.Stream.of(address.postalCode(), address.city())
                .filter(java.util.Objects::nonNull).toList());
        if (!city.isEmpty()) {
            lines.add(city);
        }
        if (address.state() != null) {
            lines.add(address.unprefixedState());
        }
        String country = Locale.of("", address.country()).getDisplayCountry(Locale.US);
        lines.add(country.isEmpty() ? address.country() : country);
        return lines;
    }
}
