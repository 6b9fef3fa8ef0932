-- PodiumShown: the final standings (the top 3 and each player's own), as data that
-- realtime-service turns into the podium frames.
redis.call('HSET', state, 'status', 'PODIUM')
return finish(envelope(final(standings())))
