-- QuestionStarted. ARGV[4] index, ARGV[5] questionCount, ARGV[6] the question with its
-- answers (JSON, for the answer script), ARGV[7] startedAt, ARGV[8] deadline (epoch ms),
-- ARGV[9] the question frame players see (JSON, no answers).
local index = ARGV[4]
redis.call('SET', K.question, ARGV[6], 'EX', lifetime)
redis.call('HSET', state, 'status', 'QUESTION', 'questionIndex', index, 'questionCount', ARGV[5],
  'startedAt', ARGV[7], 'deadline', ARGV[8])
return finish(envelope({ '"all":' .. ARGV[9] }))
