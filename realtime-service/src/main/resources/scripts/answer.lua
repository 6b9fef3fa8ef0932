-- Records one answer, atomically: the question must be open by Redis's clock, the player
-- in the session and not yet answered, and the choice valid for the question's type. Scores
-- it (Kahoot's rule), updates the leaderboard, the streak and the distribution, and writes
-- the answer record session-service reads. Returns JSON:
-- {"ok":true,"seq":..,"responseMs":..,"answer":<the record written>} or
-- {"ok":false,"code":..,"seq":..}; a refusal changes nothing.
-- KEYS: as named in K (ScriptKeys), the per-question ones of question ARGV[2].
-- ARGV[1] playerId, ARGV[2] questionIndex, ARGV[3] kind ("options" or "text"), ARGV[4]
-- options as a JSON array of ints, ARGV[5] the typed text (trimmed), ARGV[6] the typed
-- text normalised (AnswerText.normalise), ARGV[7] key lifetime (seconds).
local player = ARGV[1]
local index = tonumber(ARGV[2])
local kind = ARGV[3]
local lifetime = tonumber(ARGV[7])
local s = redis.call('HMGET', K.state, 'status', 'questionIndex', 'startedAt', 'deadline', 'seq')
local seq = s[5] or '0'

local function refuse(code)
  return '{"ok":false,"code":"' .. code .. '","seq":' .. seq .. '}'
end

-- No state at all: Redis lost it (restarted empty) and session-service has not written it
-- back yet. Whether a question is open is unknown for now, so the phone is asked to send the
-- answer again rather than told the question is closed.
if not s[1] then
  return refuse('UNAVAILABLE')
end
if redis.call('HEXISTS', K.players, player) == 0
    or redis.call('SISMEMBER', K.kicked, player) == 1 then
  return refuse('FORBIDDEN')
end
local open = tonumber(s[2])
if s[1] ~= 'QUESTION' then
  if s[1] == 'REVEAL' and open == index then
    return refuse('LATE')
  end
  return refuse('NOT_OPEN')
end
if open ~= index then
  return refuse('WRONG_QUESTION')
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if now > tonumber(s[4]) then
  return refuse('LATE')
end
local answers = K.answers
if redis.call('HEXISTS', answers, player) == 1 then
  return refuse('ALREADY_ANSWERED')
end
local q = cjson.decode(redis.call('GET', K.question))

local correct, fraction = false, 0
local counted = {}
local optionsJson, textJson = 'null', 'null'
if q.type == 'TYPE_ANSWER' then
  if kind ~= 'text' then
    return refuse('INVALID_CHOICE')
  end
  for _, accepted in ipairs(q.acceptedAnswers) do
    if accepted == ARGV[6] then
      correct = true
    end
  end
  if correct then
    fraction = 1
    counted[1] = 'correct'
  else
    counted[1] = 'incorrect'
  end
  textJson = cjson.encode(ARGV[5])
else
  if kind ~= 'options' then
    return refuse('INVALID_CHOICE')
  end
  local options = cjson.decode(ARGV[4])
  local n = #q.options
  local seen = {}
  for _, o in ipairs(options) do
    if type(o) ~= 'number' or o ~= math.floor(o) or o < 0 or o >= n or seen[o] then
      return refuse('INVALID_CHOICE')
    end
    seen[o] = true
  end
  if #options < 1 or (q.type ~= 'MULTIPLE_SELECT' and #options ~= 1) then
    return refuse('INVALID_CHOICE')
  end
  local right = {}
  for _, c in ipairs(q.correctOptions) do
    right[c] = true
  end
  if q.type == 'MULTIPLE_SELECT' then
    local good, bad = 0, 0
    for _, o in ipairs(options) do
      if right[o] then
        good = good + 1
      else
        bad = bad + 1
      end
    end
    local total = #q.correctOptions
    if total > 0 then
      fraction = math.max(0, good - bad) / total
    end
    correct = total > 0 and good == total and bad == 0
  elseif q.type ~= 'POLL' then
    correct = right[options[1]] == true
    if correct then
      fraction = 1
    end
  end
  for i, o in ipairs(options) do
    counted[i] = string.format('%d', o)
  end
  optionsJson = ARGV[4]
end

-- Kahoot: round(P * (1 - (t / T) / 2)), full points under half a second; the streak
-- bonus min(100 * (streak - 1), 500) for a correct answer. A poll never scores and
-- leaves the streak alone.
local streaks = K.streaks
local streak = tonumber(redis.call('HGET', streaks, player)) or 0
local limit = q.timeLimitSeconds * 1000
local elapsed = math.max(0, now - tonumber(s[3]))
local points = 0
if q.type ~= 'POLL' then
  if correct then
    streak = streak + 1
  else
    streak = 0
  end
  if q.points > 0 and fraction > 0 then
    local factor = 1
    if elapsed >= 500 then
      factor = 1 - (math.min(elapsed, limit) / limit) / 2
    end
    points = math.floor(q.points * fraction * factor + 0.5)
    if correct then
      points = points + math.min(100 * (streak - 1), 500)
    end
  end
end

local record = '{"options":' .. optionsJson .. ',"text":' .. textJson .. ',"correct":' .. tostring(correct)
  .. ',"points":' .. string.format('%d', points) .. ',"streak":' .. string.format('%d', streak)
  .. ',"responseMs":' .. string.format('%d', elapsed) .. ',"answeredAt":' .. string.format('%d', now) .. '}'
if redis.call('HSETNX', answers, player, record) == 0 then
  return refuse('ALREADY_ANSWERED')
end
redis.call('EXPIRE', answers, lifetime, 'NX')
local distribution = K.distribution
for _, field in ipairs(counted) do
  redis.call('HINCRBY', distribution, field, 1)
end
redis.call('EXPIRE', distribution, lifetime, 'NX')
if points > 0 then
  redis.call('ZINCRBY', K.scores, points, player)
end
if q.type ~= 'POLL' then
  redis.call('HSET', streaks, player, streak)
end
return '{"ok":true,"seq":' .. seq .. ',"responseMs":' .. string.format('%d', elapsed) .. ',"answer":' .. record
  .. '}'
