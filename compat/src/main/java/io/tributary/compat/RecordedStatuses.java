package io.tributary.compat;

import com.google.gson.JsonArray;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The HTTP status of every answer an OkHttp-based client got. jaeger-client's {@code HttpSender}
 * and zipkin-reporter's {@code OkHttpSender} only say whether a send failed; installed in their
 * OkHttp client, this keeps what the collector answered, to compare.
 */
final class RecordedStatuses implements Interceptor {
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        statuses.add(response.code());
        return response;
    }

    /** A client that records into this; network level, so each answer counts once, as the collector sent it. */
    OkHttpClient client() {
        return new OkHttpClient.Builder().addNetworkInterceptor(this).build();
    }

    /** The statuses so far, in order. */
    JsonArray statuses() {
        JsonArray recorded = new JsonArray();
        statuses.forEach(recorded::add);
        return recorded;
    }
}
