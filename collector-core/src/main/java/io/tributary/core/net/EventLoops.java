package io.tributary.core.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty event-loop group the service shares, and the channel classes that go with a group.
 * Where Netty's native epoll transport loads (Linux on x86_64 and aarch64) the group is epoll,
 * which serves TCP, UDP and Unix domain sockets from the same threads; elsewhere it is NIO, which
 * has no Unix domain sockets, so only a {@code transport: unix} server or a {@code unix://}
 * endpoint fails there, with a message that says why.
 */
public final class EventLoops {
    private EventLoops() {
    }

    /** Epoll when it is available, else NIO; as many threads as Netty's default (2 × cores). */
    public static EventLoopGroup newGroup(ThreadFactory threads) {
        return new MultiThreadIoEventLoopGroup(0, threads,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * The listening channel for {@code address} on {@code loops}.
     *
     * @throws IllegalStateException for a Unix domain socket on a group that is not epoll
     */
    public static Class<? extends ServerChannel> serverChannel(EventLoopGroup loops, SocketAddress address) {
        if (address instanceof DomainSocketAddress) {
            requireEpoll(loops);
            return EpollServerDomainSocketChannel.class;
        }
        return isEpoll(loops) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * The connecting channel on {@code loops}, to a Unix domain socket or a TCP address.
     *
     * @throws IllegalStateException for a Unix domain socket on a group that is not epoll
     */
    public static Class<? extends Channel> clientChannel(EventLoopGroup loops, boolean domainSocket) {
        if (domainSocket) {
            requireEpoll(loops);
            return EpollDomainSocketChannel.class;
        }
        return isEpoll(loops) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends DatagramChannel> datagramChannel(EventLoopGroup loops) {
        return isEpoll(loops) ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    private static boolean isEpoll(EventLoopGroup loops) {
        return loops instanceof IoEventLoopGroup group && group.isIoType(EpollIoHandler.class);
    }

    private static void requireEpoll(EventLoopGroup loops) {
        if (!isEpoll(loops)) {
            Throwable cause = Epoll.unavailabilityCause();
            throw new IllegalStateException("Unix domain sockets need Netty's native epoll transport, which is not available"
                    + (cause == null ? "" : ": " + cause.getMessage()));
        }
    }
}
