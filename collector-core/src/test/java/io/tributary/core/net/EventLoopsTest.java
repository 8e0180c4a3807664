package io.tributary.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
    private static final DomainSocketAddress SOCKET = new DomainSocketAddress("/run/test.sock");
    private static final InetSocketAddress TCP = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void theServiceGroupIsEpollOnLinuxAndItsChannelsServeTcpUdpAndDomainSockets() {
        EventLoopGroup loops = EventLoops.newGroup(new DefaultThreadFactory("test", true));
        try {
            assertThat(EventLoops.serverChannel(loops, TCP)).isEqualTo(EpollServerSocketChannel.class);
            assertThat(EventLoops.serverChannel(loops, SOCKET)).isEqualTo(EpollServerDomainSocketChannel.class);
            assertThat(EventLoops.clientChannel(loops, false)).isEqualTo(EpollSocketChannel.class);
            assertThat(EventLoops.datagramChannel(loops)).isEqualTo(EpollDatagramChannel.class);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void onNioTcpStillWorksAndADomainSocketIsRefusedSayingWhy() {
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            assertThat(EventLoops.serverChannel(nio, TCP)).isEqualTo(NioServerSocketChannel.class);
            assertThat(EventLoops.datagramChannel(nio)).isEqualTo(NioDatagramChannel.class);
            assertThatThrownBy(() -> EventLoops.serverChannel(nio, SOCKET))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Unix domain sockets need Netty's native epoll transport");
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
