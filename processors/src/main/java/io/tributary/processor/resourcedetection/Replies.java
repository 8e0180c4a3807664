package io.tributary.processor.resourcedetection;

import com.google.gson.JsonObject;

/** Reading what metadata services answer, the way every detector does. */
final class Replies {
    private Replies() {
    }

    /** A JSON object's member as text, "" when absent or null (as Go's decoding leaves a missing field). */
    static String text(JsonObject object, String member) {
        return object.has(member) && !object.get(member).isJsonNull() ? object.get(member).getAsString() : "";
    }

    /** Why a request failed: its message, or its type when it has none (as a refused connection's). */
    static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
