-- QuestionStarted. ARGV[4] index, ARGV[5] questionCount, ARGV[6] the question with its
-- answers (JSON, for the answer script), ARGV[7] startedAt, ARGV[8] deadline (epoch ms),
-- ARGV[9] the question frame players see (JSON, no answers, ending in its startedAt and
-- deadline), ARGV[10] the grace (ms).
-- A question's time runs from when it can reach the phones: applied later than the grace
-- after session-service opened it (the event's createdAt; the broker was down), its start
-- and deadline move by the delay, in the state and in the frame. The seq check above makes
-- that happen once; session-service's clock reads the moved deadline from the state hash.
local index = ARGV[4]
local startedAt = tonumber(ARGV[7])
local deadline = tonumber(ARGV[8])
local frame = ARGV[9]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local delay = now - tonumber(createdAt)
if delay > tonumber(ARGV[10]) then
  startedAt = startedAt + delay
  deadline = deadline + delay
  frame = string.gsub(frame, ',"startedAt":%d+,"deadline":%d+}$',
    ',"startedAt":' .. int(startedAt) .. ',"deadline":' .. int(deadline) .. '}')
end
redis.call('SET', K.question, ARGV[6], 'EX', lifetime)
redis.call('HSET', state, 'status', 'QUESTION', 'questionIndex', index, 'questionCount', ARGV[5],
  'startedAt', int(startedAt), 'deadline', int(deadline))
return finish(envelope({ '"all":' .. frame }))
