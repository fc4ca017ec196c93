package dev.invoices.testing;

import java.util.List;

/**
 * One IAM authorisation a function's DynamoDB request needs, as {@link DynamoDbCallRecorder} writes it: which
 * function asked, through which operation, for which action on which table (by its logical id in
 * {@code template.yaml}) or index, and, for a call on an item, the partition key's prefix.
 *
 * @param function  the template's logical id of the function whose handler made the request
 * @param operation the API operation, e.g. {@code TransactWriteItems}
 * @param action    the IAM action authorised, e.g. {@code dynamodb:UpdateItem} for an Update in a transaction
 * @param table     the table's logical id
 * @param index     the index name, or {@value #NONE} for the table itself
 * @param keyPrefix the partition key value up to and including its first {@code #} (the whole value when it has
 *                  none), or {@value #NONE} for a call on no single item (Query, Scan)
 */
public record DynamoDbCall(String function, String operation, String action, String table, String index,
                           String keyPrefix) {
    /** The value of a column that does not apply. */
    public static final String NONE = "-";
    /** The first line of a file of calls. */
    public static final String HEADER = "# function\toperation\taction\ttable\tindex\tkey_prefix";

    public DynamoDbCall {
        for (String column : List.of(function, operation, action, table, index, keyPrefix)) {
            if (column.isEmpty() || column.contains("\t") || column.contains("\n")) {
                throw new IllegalArgumentException("not a column of a call: '" + column + "'");
            }
        }
    }

    /** The call as one tab-separated line, without its line break. */
    public String line() {
        return String.join("\t", function, operation, action, table, index, keyPrefix);
    }

    /**
     * @param line a line that {@link #line()} wrote
     * @throws IllegalArgumentException if it does not have six columns
     */
    public static DynamoDbCall parse(String line) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 6) {
            throw new IllegalArgumentException("not a recorded call: " + line);
        }
        return new DynamoDbCall(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]);
    }
}
