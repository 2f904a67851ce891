package dev.kassa.refund;

import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.refund.RefundRepository.ListFilter;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads refunds as the merchant sees them ({@code GET /v1/refunds/}, webhook payloads). */
@Service
public class RefundService {

    private final RefundRepository refunds;

    RefundService(RefundRepository refunds) {
        this.refunds = refunds;
    }

    /** The refund's public {@code Refund} schema. */
    @Transactional(readOnly = true)
    public dev.kassa.refund.schemas.Refund get(UUID organizationId, UUID id) {
        return view(refunds.findById(organizationId, id).orElseThrow(ResourceNotFound::new));
    }

    @Transactional(readOnly = true)
    ListResource<dev.kassa.refund.schemas.Refund> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = refunds.count(filter);
        return ListResource.of(refunds.list(filter, page, sorting).stream().map(RefundService::view).toList(), total, page);
    }

    static dev.kassa.refund.schemas.Refund view(Refund r) {
        return new dev.kassa.refund.schemas.Refund(r.createdAt(), r.modifiedAt(), r.id(), r.metadata(), r.status().wireName(),
                r.reason(), r.amount(), r.taxAmount(), r.currency(), r.organizationId(), r.orderId(), r.subscriptionId(),
                r.customerId(), r.revokeBenefits(), null);
    }
}
