package io.tributary.receiver.jaeger;

import io.jaegertracing.thriftjava.Batch;
import io.netty.bootstrap.Bootstrap;
import io.tributary.core.client.ClientInfo;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.micrometer.core.instrument.Counter;
import io.tributary.core.data.Traces;
import io.tributary.core.net.EventLoops;
import io.tributary.core.net.HostPort;
import io.tributary.translator.jaeger.JaegerThriftTranslator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TProtocolFactory;

/**
 * The agent's UDP port: each datagram holds one Thrift {@code Agent.emitBatch} message. The event
 * loop only copies the datagram into a bounded queue ({@code queue_size}); {@code workers} threads
 * decode, translate and hand the spans on. A full queue drops the datagram (UDP has no
 * back-pressure) and counts it; its spans are unknown without decoding, which is exactly the work
 * there is no room for, so it is counted as a message, not in the span counters.
 */
final class UdpAgentServer {
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);
    /** Wakes a worker to exit once the queue ahead of it is drained. */
    private static final byte[] STOP = new byte[0];

    private final Channel channel;
    private final BlockingQueue<byte[]> queue;
    private final List<Thread> workers;

    private UdpAgentServer(Channel channel, BlockingQueue<byte[]> queue, List<Thread> workers) {
        this.channel = channel;
        this.queue = queue;
        this.workers = workers;
    }

    static UdpAgentServer start(String name, UdpConfig config, TProtocolFactory protocols, EventLoopGroup loops,
            Delivery delivery, Counter dropped) throws IOException {
        InetSocketAddress address = HostPort.parse(config.endpoint());
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(config.queueSize());
        Bootstrap bootstrap = new Bootstrap()
                .group(loops)
                .channel(EventLoops.datagramChannel(loops))
                // One extra byte tells a datagram larger than max_packet_size from one that fits.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(config.maxPacketSize() + 1))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        if (packet.content().readableBytes() > config.maxPacketSize()) {
                            delivery.undecodable("datagram larger than max_packet_size " + config.maxPacketSize() + " on " + name,
                                    new IOException("truncated datagram from " + packet.sender()));
                            return;
                        }
                        if (!queue.offer(ByteBufUtil.getBytes(packet.content()))) {
                            dropped.increment();
                        }
                    }
                });
        if (config.socketBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, config.socketBufferSize());
        }
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on " + config.endpoint() + " (udp): " + bound.cause().getMessage(), bound.cause());
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < config.workers(); i++) {
            Thread worker = new Thread(() -> drain(name, queue, protocols, delivery), "jaeger-" + name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        return new UdpAgentServer(bound.channel(), queue, workers);
    }

    private static void drain(String name, BlockingQueue<byte[]> queue, TProtocolFactory protocols, Delivery delivery) {
        try {
            for (byte[] datagram = queue.take(); datagram != STOP; datagram = queue.take()) {
                Traces traces;
                try {
                    Batch batch = ThriftDecoding.emitBatch(datagram, protocols);
                    traces = JaegerThriftTranslator.toTraces(batch);
                } catch (TException | RuntimeException e) {
                    delivery.undecodable("undecodable Jaeger agent datagram on " + name, e);
                    continue;
                }
                // UDP cannot answer: a refusal is counted by the delivery and the spans are lost.
                // As otelcol's agent endpoints: a datagram's sender is not kept.
                delivery.deliver(traces, ClientInfo.NONE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops reading, lets the workers finish what is queued within a bounded wait, then interrupts them. */
    void shutdown() {
        channel.close().awaitUninterruptibly();
        long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
        for (Thread ignored : workers) {
            // put() cannot block for long: the channel is closed, so only the workers touch the queue now.
            try {
                if (!queue.offer(STOP, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.interrupt();
        }
    }
}
