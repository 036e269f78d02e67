#!/bin/bash
# First start of the mysql:8.0 container (empty volume only), from /docker-entrypoint-initdb.d:
# one database per department and one for the county service (utf8mb4), and one user for each with
# ALL PRIVILEGES on its own database only. User and database are both hub_<slug> (civil-affairs -> hub_civil_affairs);
# each password comes from HUB_<SLUG>_DB_PASSWORD, the same variable the department's service gets
# in docker-compose.yml. The defaults below are for development only and equal the compose defaults.
#
# Runs only once: to change a password later, ALTER USER by hand (or drop the volume).
# The entrypoint runs this file when it is executable and sources it otherwise, so no `set -u` or
# `exit` here (the entrypoint itself runs with `set -eo pipefail`, the same as below).
set -eo pipefail

hub_departments="hrss education agriculture veterans civil-affairs finance"
# Services that are not departments but keep their own database: the county service (holder index).
hub_services="county"

# A MySQL string literal: backslash and quote escaped.
hub_sql_string() {
  local s=${1//\\/\\\\}
  s=${s//\'/\'\'}
  printf "'%s'" "$s"
}

hub_init_sql() {
  local slug key name pattern password_var password
  for slug in $hub_departments $hub_services; do
    key=$(printf '%s' "$slug" | tr 'a-z-' 'A-Z_')
    name="hub_${slug//-/_}"
    # In GRANT ... ON db.*, "_" is a wildcard: escape it so the grant covers this one database only.
    pattern=${name//_/\\_}
    password_var="HUB_${key}_DB_PASSWORD"
    password=${!password_var:-"${slug}-dev-password"}
    cat <<SQL
CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${name}'@'%' IDENTIFIED BY $(hub_sql_string "$password");
GRANT ALL PRIVILEGES ON \`${pattern}\`.* TO '${name}'@'%';
SQL
  done
  echo "FLUSH PRIVILEGES;"
}

if declare -F docker_process_sql >/dev/null; then
  # Sourced by the image's entrypoint: its helper talks to the temporary init server as root.
  hub_init_sql | docker_process_sql
else
  # Run as a program (the entrypoint does that when the file is executable): root over the local
  # socket (MYSQL_UNIX_PORT may name another one).
  hub_init_sql | mysql --protocol=socket -uroot ${MYSQL_ROOT_PASSWORD:+"-p${MYSQL_ROOT_PASSWORD}"}
fi
echo "hub: created the databases and users: $hub_departments $hub_services"
