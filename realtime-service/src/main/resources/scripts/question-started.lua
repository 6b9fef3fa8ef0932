-- QuestionStarted. ARGV[5] index, ARGV[6] questionCount, ARGV[7] the question with its
-- answers (JSON, for the answer script), ARGV[8] startedAt, ARGV[9] deadline (epoch ms),
-- ARGV[10] the question frame players see (JSON, no answers).
local index = ARGV[5]
redis.call('SET', prefix .. 'question:' .. index, ARGV[7], 'EX', lifetime)
redis.call('HSET', state, 'status', 'QUESTION', 'questionIndex', index, 'questionCount', ARGV[6],
  'startedAt', ARGV[8], 'deadline', ARGV[9])
return finish(envelope({ '"all":' .. ARGV[10] }))
