import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { getLobby, updateLobby, type Lobby, type LobbySettings } from './api/lobby-api';

/**
 * How often a shown lobby asks the server again while its page is visible: the way a change
 * made on the host's other device (a phone beside the projector's laptop) reaches this screen.
 * A hidden page does not ask; it asks once when it is shown again.
 */
export const LOBBY_REFRESH_MS = 5_000;

/** The channel between the host's tabs of one browser: a change there shows here at once. */
export const LOBBY_CHANNEL = 'vanguard.host-lobby';

/** What one tab tells the others after the server accepted a change. */
export interface LobbyMessage {
  sessionId: string;
  lobby: Lobby;
}

export function lobbyQueryKey(sessionId: string) {
  return ['session-lobby', sessionId] as const;
}

/**
 * The lobby controls of one session as every host screen of it sees them: what the server
 * holds (`GET /api/sessions/{id}`), asked again on a timer, when the page is shown again and
 * when another tab of this browser changed it; and the change itself (`PUT …/lobby`), whose
 * answer this screen shows and tells the other tabs.
 */
export function useLobby(sessionId: string) {
  const queryClient = useQueryClient();
  const channel = useRef<BroadcastChannel | null>(null);

  // A read that left before the change and answers after it would put the old state back: it
  // is cancelled, and the newer state shown.
  const show = useCallback(
    async (lobby: Lobby) => {
      const queryKey = lobbyQueryKey(sessionId);
      await queryClient.cancelQueries({ queryKey });
      queryClient.setQueryData(queryKey, lobby);
    },
    [queryClient, sessionId],
  );

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return undefined;
    const opened = new BroadcastChannel(LOBBY_CHANNEL);
    opened.onmessage = (event: MessageEvent<LobbyMessage>) => {
      if (event.data.sessionId === sessionId) void show(event.data.lobby);
    };
    channel.current = opened;
    return () => {
      channel.current = null;
      opened.close();
    };
  }, [sessionId, show]);

  const lobby = useQuery({
    queryKey: lobbyQueryKey(sessionId),
    queryFn: () => getLobby(sessionId),
    refetchInterval: LOBBY_REFRESH_MS,
    refetchOnWindowFocus: true,
  });

  const update = useMutation({
    mutationFn: (settings: LobbySettings) => updateLobby(sessionId, settings),
    onSuccess: async (answer) => {
      await show(answer);
      channel.current?.postMessage({ sessionId, lobby: answer } satisfies LobbyMessage);
    },
  });

  return { lobby, update };
}
