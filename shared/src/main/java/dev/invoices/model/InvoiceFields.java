package dev.invoices.model;

/**
 * The canonical field names of an invoice and its parts (the Invoice schema of openapi.yaml). The JSON codec and the DynamoDB item
 * mapper both use these names, so that the stored item reads like the API's JSON.
 */
public final class InvoiceFields {
    public static final String ID = "id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String STATEMENT_NUMBER = "statement_number";
    public static final String STATUS = "status";
    public static final String PAID = "paid";
    public static final String CURRENCY_CODE = "currency_code";
    public static final String START_TIMESTAMP = "start_timestamp";
    public static final String END_TIMESTAMP = "end_timestamp";
    public static final String ISSUED_AT = "issued_at";
    public static final String PLAN_ID = "plan_id";
    public static final String PLAN_NAME = "plan_name";
    public static final String PLAN_CUSTOM_FIELDS = "plan_custom_fields";
    public static final String SUB_LINE_ITEMS = "sub_line_items";
    public static final String INVOICE_ADJUSTMENTS = "invoice_adjustments";
    public static final String SUBTOTAL = "subtotal";
    public static final String TAX = "tax";
    public static final String TOTAL = "total";
    public static final String VOID_REASON = "void_reason";
    public static final String VOIDED_AT = "voided_at";
    public static final String REGENERATED_FROM_INVOICE_ID = "regenerated_from_invoice_id";
    public static final String REPLACED_BY_INVOICE_ID = "replaced_by_invoice_id";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String VERSION = "version";

    /** Sub line item fields ({@link #SUBTOTAL} is shared). */
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String PRODUCT_GROUP = "product_group";
    public static final String PRODUCT_LINE = "product_line";
    public static final String PRODUCT_NAME = "product_name";
    public static final String REGION = "region";
    public static final String USAGE_TYPE = "usage_type";
    public static final String QUANTITY = "quantity";
    public static final String PRICE = "price";
    public static final String CHARGE_ID = "charge_id";
    public static final String CREDIT_GRANT_ID = "credit_grant_id";
    public static final String CREDIT_COUPON_CODE = "credit_coupon_code";
    public static final String TIER_PERIOD = "tier_period";
    public static final String TIERS = "tiers";
    public static final String CUSTOM_FIELDS = "custom_fields";
    public static final String START_DATE = "start_date";
    public static final String END_DATE = "end_date";

    /** Tier period and tier fields ({@link #QUANTITY}, {@link #PRICE}, {@link #SUBTOTAL} are shared). */
    public static final String STARTING_AT = "starting_at";
    public static final String ENDING_BEFORE = "ending_before";

    /** Invoice adjustment fields ({@link #NAME}, {@link #TOTAL}, {@link #CREDIT_GRANT_ID} are shared). */
    public static final String CREDIT_TYPE = "credit_type";
    public static final String CREDIT_GRANT_CUSTOM_FIELDS = "credit_grant_custom_fields";

    private InvoiceFields() {
    }
}
