-- wrk script: people open their emailed link (GET) and press the confirm button (POST).
-- wrk -s confirm.lua URL -- TOKENS_FILE THREADS
-- Thread i of n takes every n-th token; when its tokens are used up the thread stops.
-- Like a browser: Sec-Fetch-Site, and no CSRF token (decision 15).
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  tokens = {}
  local index = 0
  for line in io.lines(args[1]) do
    if index % tonumber(args[2]) == id then
      table.insert(tokens, line)
    end
    index = index + 1
  end
  position = 1
  opening = true
end

function request()
  local path = "/petitions/signatures/" .. (tokens[position] or tokens[#tokens]) .. "/"
  local address = string.format("10.200.%d.%d", id, position % 250 + 1)
  if opening then
    opening = false
    return wrk.format("GET", path, { ["X-Forwarded-For"] = address })
  end
  opening = true
  position = position + 1
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
    ["X-Forwarded-For"] = address,
  }, "")
end

function response(status, headers, body)
  if position > #tokens then
    wrk.thread:stop()
  end
end
