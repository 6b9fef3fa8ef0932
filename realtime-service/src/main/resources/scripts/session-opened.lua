-- SessionOpened. ARGV[4] hostId, ARGV[5] pin, ARGV[6] title, ARGV[7] questionCount,
-- ARGV[8] the lobby frame (JSON).
redis.call('HSET', state, 'status', 'LOBBY', 'hostId', ARGV[4], 'pin', ARGV[5], 'title', ARGV[6],
  'questionCount', ARGV[7], 'questionIndex', -1, 'startedAt', 0, 'deadline', 0)
return finish(envelope({ '"all":' .. ARGV[8] }))
