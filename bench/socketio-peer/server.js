// The peer of Vanguard's fan-out benchmark: a plain Socket.IO 4 server that puts every
// client in one room and broadcasts to the room on a trigger. WebSocket transport only,
// no compression, so only the server differs from the floor and from realtime-service.
//
// Usage: node server.js <port> <control-port>
// Control port, one command per line:
//   broadcast <json>  -> io.to('players').emit('question', json); answers "ok <clients>"
//   stats             -> answers "heap <heapUsed bytes> clients <count>"
'use strict';

const http = require('http');
const net = require('net');
const { Server } = require('socket.io');

const port = Number(process.argv[2]);
const controlPort = Number(process.argv[3]);

const httpServer = http.createServer();
const io = new Server(httpServer, {
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  httpCompression: false,
  cors: { origin: true },
});

io.on('connection', (socket) => {
  socket.join('players');
});

httpServer.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => {
  console.log(`socket.io peer listening on ${port}, control ${controlPort}`);
});

net
  .createServer((connection) => {
    connection.setNoDelay(true);
    let buffered = '';
    connection.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        command(connection, line);
      }
    });
    connection.on('error', () => {});
  })
  .listen(controlPort, '127.0.0.1');

function command(connection, line) {
  if (line.startsWith('broadcast ')) {
    io.to('players').emit('question', JSON.parse(line.slice('broadcast '.length)));
    connection.write(`ok ${io.engine.clientsCount}\n`);
  } else if (line === 'stats') {
    connection.write(`heap ${process.memoryUsage().heapUsed} clients ${io.engine.clientsCount}\n`);
  } else {
    connection.write('error unknown command\n');
  }
}

process.on('SIGTERM', () => process.exit(0));
