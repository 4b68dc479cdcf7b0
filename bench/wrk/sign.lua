-- wrk script: every two requests are a new person loading the signing form and signing.
-- wrk -s sign.lua URL -- PETITION WARD RUN
-- Each person has their own email and address (X-Forwarded-For, with one trusted proxy),
-- so rate limits and the one-signature-per-email rule apply as they would to real people.
-- Like a browser, it says the form was sent from this site (Sec-Fetch-Site), and sends no
-- CSRF token: people without a session get none (decision 15).
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  petition, ward, run = args[1], args[2], args[3]
  path = "/petitions/" .. petition .. "/sign/"
  counter = 0
  loading_form = true
end

function request()
  local address = string.format("10.%d.%d.%d", id, math.floor(counter / 250) % 250, counter % 250 + 1)
  if loading_form then
    loading_form = false
    return wrk.format("GET", path, { ["X-Forwarded-For"] = address })
  end
  loading_form = true
  local n = id * 10000000 + counter
  counter = counter + 1
  local body = "name=Bench+" .. n
    .. "&email=" .. run .. "-" .. n .. "%40example.org&postcode=EN5+4BW&ward=" .. ward
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
    ["X-Forwarded-For"] = address,
  }, body)
end

-- Say which statuses other than 200 came back, so a failed run explains itself.
local threads = {}
local original_setup = setup
function setup(thread)
  original_setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 then
    unexpected = (unexpected or "") .. status .. " "
  end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local statuses = thread:get("unexpected")
    if statuses then
      io.stderr:write("unexpected statuses: " .. statuses .. "\n")
    end
  end
end
