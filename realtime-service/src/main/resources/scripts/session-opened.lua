-- SessionOpened. ARGV[5] hostId, ARGV[6] pin, ARGV[7] title, ARGV[8] questionCount,
-- ARGV[9] the lobby frame (JSON).
redis.call('HSET', state, 'status', 'LOBBY', 'hostId', ARGV[5], 'pin', ARGV[6], 'title', ARGV[7],
  'questionCount', ARGV[8], 'questionIndex', -1, 'startedAt', 0, 'deadline', 0)
return finish(envelope({ '"all":' .. ARGV[9] }))
