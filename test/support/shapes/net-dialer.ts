/**
 * A component that tries to open a TCP connection, in WAT, for the network
 * sandbox's tests:
 *
 *   dial(port) = 0 when a connection to 127.0.0.1:port was started,
 *                1 + the error code when `start-connect` failed (2: access-denied),
 *                100 + the error code when no socket could be made.
 *
 * It imports the parts of wasi:sockets it uses (declared here, as in
 * wasi:sockets@0.2.0) and leaks its handles: the instance ends with the test.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

export const NET_DIALER_WIT = `package test:net;

world dialer {
  import wasi:sockets/instance-network@0.2.0;
  import wasi:sockets/tcp-create-socket@0.2.0;
  import wasi:sockets/tcp@0.2.0;
  export dial: func(port: u16) -> u32;
}

package wasi:sockets@0.2.0 {
  interface network {
    resource network;
    enum error-code {
      unknown, access-denied, not-supported, invalid-argument, out-of-memory, timeout,
      concurrency-conflict, not-in-progress, would-block, invalid-state, new-socket-limit,
      address-not-bindable, address-in-use, remote-unreachable, connection-refused,
      connection-reset, connection-aborted, datagram-too-large, name-unresolvable,
      temporary-resolver-failure, permanent-resolver-failure,
    }
    enum ip-address-family { ipv4, ipv6 }
    type ipv4-address = tuple<u8, u8, u8, u8>;
    type ipv6-address = tuple<u16, u16, u16, u16, u16, u16, u16, u16>;
    record ipv4-socket-address { port: u16, address: ipv4-address }
    record ipv6-socket-address { port: u16, flow-info: u32, address: ipv6-address, scope-id: u32 }
    variant ip-socket-address { ipv4(ipv4-socket-address), ipv6(ipv6-socket-address) }
  }
  interface instance-network {
    use network.{network};
    instance-network: func() -> network;
  }
  interface tcp {
    use network.{network, error-code, ip-socket-address};
    resource tcp-socket {
      start-connect: func(network: borrow<network>, remote-address: ip-socket-address) -> result<_, error-code>;
    }
  }
  interface tcp-create-socket {
    use network.{network, error-code, ip-address-family};
    use tcp.{tcp-socket};
    create-tcp-socket: func(address-family: ip-address-family) -> result<tcp-socket, error-code>;
  }
}
`;

// ip-socket-address flattens to a discriminant and the 11 values of its widest case (ipv6).
const NET_DIALER_WAT = `(module
  (import "wasi:sockets/instance-network@0.2.0" "instance-network" (func $instance-network (result i32)))
  (import "wasi:sockets/tcp-create-socket@0.2.0" "create-tcp-socket" (func $create-tcp-socket (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.0" "[method]tcp-socket.start-connect"
    (func $start-connect (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "dial") (param $port i32) (result i32)
    (local $net i32)
    (local.set $net (call $instance-network))
    (call $create-tcp-socket (i32.const 0) (i32.const 16))
    (if (i32.load8_u (i32.const 16))
      (then (return (i32.add (i32.const 100) (i32.load8_u (i32.const 20))))))
    (call $start-connect
      (i32.load (i32.const 20)) (local.get $net)
      (i32.const 0) (local.get $port) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1)
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
      (i32.const 32))
    (if (i32.load8_u (i32.const 32))
      (then (return (i32.add (i32.const 1) (i32.load8_u (i32.const 33))))))
    (i32.const 0)))`;

let built: Promise<Uint8Array> | undefined;

export function netDialerComponent(): Promise<Uint8Array> {
  built ??= (async () => componentNew(await componentEmbed({ binary: await parse(NET_DIALER_WAT), witSource: NET_DIALER_WIT, world: 'dialer' })))();
  return built;
}
