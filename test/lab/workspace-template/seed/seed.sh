#!/bin/sh
# Seeds app_db from SEED_RANDOM alone: the same seed always gives the same pg_dump.
set -eu
seed="${SEED_RANDOM:-42}"
rows="${SEED_ROWS:-100}"

if ! psql -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = 'app_db'" | grep -q 1; then
  createdb -U postgres app_db
fi

# Park-Miller minimal standard PRNG; every intermediate stays below 2^53, so awk's doubles are exact.
awk -v seed="$seed" -v rows="$rows" '
function next_random() { state = (state * 48271) % 2147483647; return state }
BEGIN {
  state = seed % 2147483647
  if (state <= 0) state += 2147483646
  split("ada grace linus ken dennis barbara margaret alan donald edsger", names, " ")
  print "BEGIN;"
  print "DROP TABLE IF EXISTS customers;"
  print "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, balance_cents integer NOT NULL);"
  for (i = 1; i <= rows; i++) {
    name = names[next_random() % 10 + 1]
    printf "INSERT INTO customers VALUES (%d, %c%s-%d%c, %d);\n", i, 39, name, i, 39, next_random() % 1000000
  }
  print "COMMIT;"
}' | psql -U postgres -v ON_ERROR_STOP=1 -q -d app_db
