package dev.kassa.admin;

import dev.kassa.KassaApplication;
import dev.kassa.auth.AccessTokenService;
import dev.kassa.auth.AccessTokenService.IssuedToken;
import dev.kassa.auth.Scope;
import dev.kassa.organization.Organization;
import dev.kassa.organization.OrganizationService;
import dev.kassa.payment.PaymentAttempts;
import dev.kassa.platform.config.Durations;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.web.Uuids;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kassa admin ...}: operator commands run against the configured database (or the embedded one a
 * running server holds). Each prints one JSON object on success; errors go to stderr with exit status 1,
 * usage errors with 2.
 */
public final class AdminCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdminCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** Runs a command with {@code env} as the environment (tests pass their own). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            String help = HELP.get(command);
            if (help == null) {
                err.println("Unknown admin command: " + command);
                err.print(usage());
                return 2;
            }
            out.print(help);
            return 0;
        }
        Map<String, String> options;
        List<String> positional = new ArrayList<>();
        try {
            options = parseOptions(args, positional);
        } catch (IllegalArgumentException e) {
            err.println("kassa admin " + command + ": " + e.getMessage());
            return 2;
        }
        try {
            KassaSettings.fromEnvironment(env);
        } catch (KassaSettings.InvalidSettingsException e) {
            err.println(e.getMessage());
            return 2;
        }
        return switch (command) {
            case "create-organization" -> withContext(env, err, context -> createOrganization(context, options, out));
            case "create-token" -> withContext(env, err, context -> createToken(context, options, out));
            case "revoke-token" -> {
                if (positional.size() != 1 || Uuids.parse(positional.getFirst()) == null) {
                    err.println("kassa admin revoke-token: expected one TOKEN_ID (a UUID)");
                    yield 2;
                }
                UUID tokenId = Uuids.parse(positional.getFirst());
                yield withContext(env, err, context -> revokeToken(context, tokenId, out));
            }
            case "payment-attempts" -> withContext(env, err, context -> flaggedPaymentAttempts(context, out));
            case "renewal-attempts" -> withContext(env, err, context -> {
                out.println(JSON.writeValueAsString(context.getBean(dev.kassa.renewal.RenewalAdmin.class).flaggedAttempts()));
                return 0;
            });
            case "advance-subscription" -> {
                if (positional.size() != 1 || Uuids.parse(positional.getFirst()) == null) {
                    err.println("kassa admin advance-subscription: expected one SUBSCRIPTION_ID (a UUID)");
                    yield 2;
                }
                UUID subscriptionId = Uuids.parse(positional.getFirst());
                yield withContext(env, err, context -> {
                    try {
                        out.println(JSON.writeValueAsString(context.getBean(dev.kassa.renewal.RenewalAdmin.class).advance(subscriptionId)));
                        return 0;
                    } catch (dev.kassa.platform.web.ResourceNotFound e) {
                        err.println("kassa admin advance-subscription: no such subscription, or not in Stripe test mode");
                        return 1;
                    }
                });
            }
            case "webhooks" -> withContext(env, err, context -> {
                out.println(JSON.writeValueAsString(context.getBean(dev.kassa.webhook.WebhookOperatorView.class).report()));
                return 0;
            });
            default -> {
                err.println("Unknown admin command: " + command);
                err.print(usage());
                yield 2;
            }
        };
    }

    /** Each command's help ({@code kassa admin COMMAND --help}): printed without opening the database. */
    static final Map<String, String> HELP = Map.of(
            "create-organization", """
                    Usage: kassa admin create-organization --name NAME --slug SLUG

                    Create an organization and a full-scope access token for it; prints
                    {"organization_id", "slug", "token", "token_id"}.
                    """,
            "create-token", """
                    Usage: kassa admin create-token --organization ID_OR_SLUG [--scopes a,b] [--expires-in 30d] [--comment TEXT]

                    Issue an organization access token (all scopes unless --scopes; no expiry unless --expires-in,
                    such as 30d, 12h or P30D); prints {"token", "token_id", "organization_id", "scopes", "expires_at"}.
                    """,
            "revoke-token", """
                    Usage: kassa admin revoke-token TOKEN_ID

                    Revoke an access token by its id (a UUID); prints {"token_id", "revoked", "already_revoked"}.
                    """,
            "payment-attempts", """
                    Usage: kassa admin payment-attempts

                    The payment attempts reconciliation could not settle alone (unsettled, charged twice, ...),
                    oldest first: {"flagged": [...]}.
                    """,
            "renewal-attempts", """
                    Usage: kassa admin renewal-attempts

                    The renewal charges flagged for a person (unsettled, charged after a decline, ...).
                    """,
            "advance-subscription", """
                    Usage: kassa admin advance-subscription SUBSCRIPTION_ID

                    Stripe test mode only: move the subscription's next due moment to now and run its renewal.
                    """,
            "webhooks", """
                    Usage: kassa admin webhooks

                    Webhook endpoints with their events by state, latest deliveries and failures.
                    """);

    static String usage() {
        return """
                Usage: kassa admin <command>
                  create-organization --name NAME --slug SLUG
                  create-token --organization ID_OR_SLUG [--scopes a,b] [--expires-in 30d] [--comment TEXT]
                  revoke-token TOKEN_ID
                  payment-attempts            payment attempts flagged for a person (unsettled, charged twice, ...)
                  renewal-attempts            renewal charges flagged for a person (unsettled, charged after a decline, ...)
                  advance-subscription ID     test mode: the subscription's next due moment now, and its renewal run
                  webhooks                    webhook endpoints with their events by state, latest deliveries and failures
                kassa admin COMMAND --help: that command's help.
                Scopes: %s
                """.formatted(String.join(",", EnumSet.allOf(Scope.class).stream().map(Scope::wireName).toList()));
    }

    private interface Action {
        int run(ConfigurableApplicationContext context);
    }

    private static int withContext(Map<String, String> env, PrintStream err, Action action) {
        ConfigurableApplicationContext context;
        try {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (String name : List.of("DATABASE_URL", "KASSA_DATA_DIR", "PUBLIC_BASE_URL")) {
                if (env.get(name) != null) {
                    properties.put(name, env.get(name));
                }
            }
            properties.put("kassa.attach-to-running-embedded", "true");
            properties.put("kassa.mode", "admin");
            properties.put("spring.main.banner-mode", "off");
            properties.put("logging.level.root", "WARN");
            context = new SpringApplicationBuilder(KassaApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .properties(properties)
                    .run();
        } catch (RuntimeException e) {
            err.println("kassa admin: cannot open the database: " + KassaApplication.explain(e));
            return 1;
        }
        try (context) {
            return action.run(context);
        } catch (IllegalArgumentException e) {
            err.println("kassa admin: " + e.getMessage());
            return 1;
        }
    }

    private static int createOrganization(ConfigurableApplicationContext context, Map<String, String> options, PrintStream out) {
        String name = require(options, "name");
        String slug = require(options, "slug");
        Organization organization = context.getBean(OrganizationService.class).create(name, slug);
        IssuedToken token = context.getBean(AccessTokenService.class)
                .issue(organization.id(), AccessTokenService.allScopes(), null, "Created with kassa admin create-organization");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("organization_id", organization.id().toString());
        result.put("slug", organization.slug());
        result.put("token", token.token());
        result.put("token_id", token.id().toString());
        out.println(JSON.writeValueAsString(result));
        return 0;
    }

    private static int createToken(ConfigurableApplicationContext context, Map<String, String> options, PrintStream out) {
        String organizationRef = require(options, "organization");
        Set<Scope> scopes = options.containsKey("scopes") ? parseScopes(options.get("scopes")) : AccessTokenService.allScopes();
        Duration expiresIn = options.containsKey("expires-in") ? parseDuration(options.get("expires-in")) : null;
        Organization organization = context.getBean(OrganizationService.class).findByIdOrSlug(organizationRef)
                .orElseThrow(() -> new IllegalArgumentException("no organization with id or slug '" + organizationRef + "'"));
        IssuedToken token = context.getBean(AccessTokenService.class)
                .issue(organization.id(), scopes, expiresIn, options.getOrDefault("comment", "Created with kassa admin create-token"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("token", token.token());
        result.put("token_id", token.id().toString());
        result.put("organization_id", organization.id().toString());
        result.put("scopes", scopes.stream().map(Scope::wireName).sorted().toList());
        result.put("expires_at", token.expiresAt() == null ? null : token.expiresAt().toString());
        out.println(JSON.writeValueAsString(result));
        return 0;
    }

    private static int revokeToken(ConfigurableApplicationContext context, UUID tokenId, PrintStream out) {
        AccessTokenService tokens = context.getBean(AccessTokenService.class);
        if (!tokens.exists(tokenId)) {
            throw new IllegalArgumentException("no access token with id " + tokenId);
        }
        boolean revokedNow = tokens.revoke(tokenId);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("token_id", tokenId.toString());
        result.put("revoked", true);
        result.put("already_revoked", !revokedNow);
        out.println(JSON.writeValueAsString(result));
        return 0;
    }

    /** The payment attempts reconciliation could not settle alone, oldest first: {@code {"flagged": [...]}}. */
    private static int flaggedPaymentAttempts(ConfigurableApplicationContext context, PrintStream out) {
        List<Map<String, Object>> flagged = new ArrayList<>();
        for (PaymentAttempts.FlaggedAttempt attempt : context.getBean(PaymentAttempts.class).flagged(1000)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("attempt_id", attempt.id().toString());
            row.put("checkout_id", attempt.checkoutId().toString());
            row.put("organization_id", attempt.organizationId().toString());
            row.put("status", attempt.status());
            row.put("intent_id", attempt.intentId());
            row.put("reason", attempt.reason());
            row.put("flagged_at", attempt.flaggedAt().toString());
            flagged.add(row);
        }
        out.println(JSON.writeValueAsString(Map.of("flagged", flagged)));
        return 0;
    }

    static Map<String, String> parseOptions(String[] args, List<String> positional) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String key = arg.substring(2);
                String value;
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("option --" + key + " needs a value");
                }
                options.put(key, value);
            } else {
                positional.add(arg);
            }
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static Set<Scope> parseScopes(String raw) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : raw.split("[,\\s]+")) {
            if (name.isBlank()) {
                continue;
            }
            scopes.add(Scope.fromWireName(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown scope '" + name + "'; known scopes: "
                            + String.join(",", EnumSet.allOf(Scope.class).stream().map(Scope::wireName).toList()))));
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("--scopes must name at least one scope");
        }
        return scopes;
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 3600s}, {@code 2w}, or ISO-8601 such as {@code P30D}. */
    static Duration parseDuration(String raw) {
        try {
            return Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--expires-in '" + raw + "' is not a duration such as 30d, 12h, 90m or P30D");
        }
    }
}
