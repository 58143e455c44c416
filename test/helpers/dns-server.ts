// A minimal authoritative DNS server on 127.0.0.1 (UDP) answering A/AAAA from a table the test
// edits, so names can resolve to private addresses (or change their answer) with no outside DNS.
import dgram from 'node:dgram';
import net from 'node:net';

export interface DnsServer {
  /** host:port, for WEBHOOK_DNS_SERVERS. */
  address: string;
  /** Sets (or replaces) the addresses a name resolves to. */
  set(name: string, addresses: string[]): void;
  /** Names asked for, in order. */
  queries: string[];
  close(): Promise<void>;
}

export async function startDnsServer(): Promise<DnsServer> {
  const table = new Map<string, string[]>();
  const queries: string[] = [];
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    // Header (12 bytes), then one question: labels, type, class.
    let o = 12;
    const labels: string[] = [];
    while (msg[o]! > 0) {
      labels.push(msg.subarray(o + 1, o + 1 + msg[o]!).toString('ascii'));
      o += 1 + msg[o]!;
    }
    const qEnd = o + 5;
    const qtype = msg.readUInt16BE(o + 1);
    const name = labels.join('.').toLowerCase();
    queries.push(name);
    const known = table.get(name);
    const answers = (known ?? []).filter((a) => (qtype === 1 ? net.isIPv4(a) : qtype === 28 ? net.isIPv6(a) : false));
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8180 | (known ? 0 : 3), 2); // response, RD+RA; NXDOMAIN for unknown names
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const records = answers.map((a) => {
      const rdata = net.isIPv4(a) ? Buffer.from(a.split('.').map(Number)) : ipv6Bytes(a);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0); // name: pointer to the question
      rr.writeUInt16BE(qtype, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(0, 6); // TTL 0: every lookup asks again
      rr.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([rr, rdata]);
    });
    socket.send(Buffer.concat([header, msg.subarray(12, qEnd), ...records]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    set: (name, addresses) => void table.set(name.toLowerCase(), addresses),
    queries,
    close: () => new Promise((r) => socket.close(() => r())),
  };
}

function ipv6Bytes(a: string): Buffer {
  const [head, tail] = a.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return b;
}
