package dev.kassa.subscription;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/**
 * The errors of subscription changes, each named, worded and with the status of Polar's exception of that name
 * ({@code subscription/service.py}, {@code customer_portal/service/subscription.py}, {@code exceptions.py}).
 */
public final class SubscriptionErrors {

    private SubscriptionErrors() {
    }

    @Schema(description = "The subscription is already canceled or will be at the end of the period.")
    public static final class AlreadyCanceledSubscription extends ApiError {
        AlreadyCanceledSubscription() {
            super(HttpStatus.FORBIDDEN, "This subscription is already canceled or will be at the end of the period.");
        }
    }

    @Schema(description = "The subscription is not scheduled to be canceled, so it cannot be uncanceled.")
    public static final class SubscriptionNotScheduledToCancel extends ApiError {
        SubscriptionNotScheduledToCancel() {
            super(HttpStatus.CONFLICT, "This subscription is not scheduled to be canceled, so it cannot be uncanceled.");
        }
    }

    /** Polar's generic 410, raised when uncanceling a subscription that has ended. */
    @Schema(description = "The subscription has ended.")
    public static final class ResourceUnavailable extends ApiError {
        ResourceUnavailable() {
            super(HttpStatus.GONE, "Unavailable");
        }
    }

    @Schema(description = "The subscription has no seat-based price.")
    public static final class NotASeatBasedSubscription extends ApiError {
        NotASeatBasedSubscription() {
            super(HttpStatus.BAD_REQUEST, "This subscription does not support seat-based pricing.");
        }
    }

    @Schema(description = "The subscription has no unit-based price.")
    public static final class NotAUnitBasedSubscription extends ApiError {
        NotAUnitBasedSubscription() {
            super(HttpStatus.BAD_REQUEST, "This subscription does not support unit-based pricing.");
        }
    }

    @Schema(description = "The subscription is not scheduled to be paused.")
    public static final class NoScheduledPause extends ApiError {
        NoScheduledPause() {
            super(HttpStatus.CONFLICT, "This subscription is not scheduled to be paused.");
        }
    }

    @Schema(description = "The subscription is not paused.")
    public static final class NotPausedSubscription extends ApiError {
        NotPausedSubscription() {
            super(HttpStatus.CONFLICT, "This subscription is not paused.");
        }
    }

    @Schema(description = "The organization does not let customers change their plan in the portal.")
    public static final class UpdateSubscriptionPlanNotAllowed extends ApiError {
        UpdateSubscriptionPlanNotAllowed() {
            super(HttpStatus.FORBIDDEN, "Updating subscription plan is not allowed.");
        }
    }

    @Schema(description = "The organization does not let customers change their seats in the portal.")
    public static final class UpdateSubscriptionSeatsNotAllowed extends ApiError {
        UpdateSubscriptionSeatsNotAllowed() {
            super(HttpStatus.FORBIDDEN, "Updating subscription seats is not allowed.");
        }
    }

    @Schema(description = "The organization does not let customers change their units in the portal.")
    public static final class UpdateSubscriptionUnitsNotAllowed extends ApiError {
        UpdateSubscriptionUnitsNotAllowed() {
            super(HttpStatus.FORBIDDEN, "Updating subscription units is not allowed.");
        }
    }

    @Schema(description = "The organization does not let customers pause or resume subscriptions in the portal.")
    public static final class PauseResumeNotAllowed extends ApiError {
        PauseResumeNotAllowed() {
            super(HttpStatus.FORBIDDEN, "Pausing or resuming a subscription is not allowed.");
        }
    }
}
