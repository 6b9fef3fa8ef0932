import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ClientFrame } from './frames';
import { gameReducer, initialGameState } from './game-state';
import { GameSocket, type ConnectionState, type GameSocketOptions } from './ws-client';

/**
 * The live game of one screen: the socket, the state reduced from its frames, and the server's
 * clock. Shared by the player's phone and the host's big screen.
 */
export function useGameSocket(url: GameSocketOptions['url'] | null, canRenewToken = false) {
  const [state, dispatch] = useReducer(gameReducer, initialGameState);
  const [connection, setConnection] = useState<ConnectionState>({ status: 'connecting', attempt: 0 });
  const socket = useRef<GameSocket | null>(null);
  const urlRef = useRef(url);
  urlRef.current = url;
  const enabled = url !== null;

  useEffect(() => {
    if (!enabled) return;
    const game = new GameSocket({
      url: () => urlRef.current?.() ?? Promise.reject(new Error('no url')),
      onFrame: dispatch,
      onState: setConnection,
      canRenewToken,
    });
    socket.current = game;
    game.start();
    // Phones drop sockets while locked or in the background: come back as soon as they wake.
    const wake = () => {
      if (document.visibilityState === 'visible') game.wake();
    };
    const lost = () => game.networkLost();
    window.addEventListener('online', wake);
    window.addEventListener('offline', lost);
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('pageshow', wake);
    return () => {
      window.removeEventListener('online', wake);
      window.removeEventListener('offline', lost);
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('pageshow', wake);
      game.stop();
      socket.current = null;
    };
  }, [enabled, canRenewToken]);

  const send = useCallback((frame: ClientFrame) => socket.current?.send(frame) ?? false, []);
  const serverNow = useCallback(() => socket.current?.serverNow() ?? Date.now(), []);

  return { state, connection, send, serverNow };
}
