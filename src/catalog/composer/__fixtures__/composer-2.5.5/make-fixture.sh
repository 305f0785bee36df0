#!/bin/sh
# How installed.json and licenses.json here were made: Debian 12's composer (2.5.5, `apt-get install
# composer`) installs eight small local packages from a path repository, offline. installed.json is
# the file Composer wrote; licenses.json is `composer licenses --format=json`, what Composer itself
# reports as installed (names, versions, licences): the test's oracle. Run it in an empty folder;
# the copies here were then laid out by prettier (same JSON values).
set -e
mk() { mkdir -p "pkgs/$1"; printf '%s\n' "$2" > "pkgs/$1/composer.json"; }
mk symfony-console '{"name":"symfony/console","version":"v6.4.1","type":"library","license":"MIT","description":"Eases the creation of beautiful and testable command line interfaces","require":{"psr/log":"^1|^2|^3"}}'
mk monolog '{"name":"monolog/monolog","version":"3.5.0","type":"library","license":"MIT","description":"Sends your logs to files, sockets, inboxes, databases and various web services","require":{"psr/log":"^2.0 || ^3.0"}}'
mk psr-log '{"name":"psr/log","version":"3.0.0","type":"library","license":"MIT"}'
mk guzzle '{"name":"guzzlehttp/guzzle","version":"7.8.1","type":"library","license":"MIT","description":"Guzzle is a PHP HTTP client library"}'
mk phpunit '{"name":"phpunit/phpunit","version":"10.5.5","type":"library","license":"BSD-3-Clause"}'
mk polyfill-pack '{"name":"symfony/polyfill-pack","version":"v1.0.0","type":"metapackage","license":["MIT"],"require":{"psr/log":"*"}}'
mk installers '{"name":"composer/installers","version":"v2.2.0","type":"composer-plugin","license":"MIT","extra":{"class":"Composer\\\\Installers\\\\Plugin"},"require":{"composer-plugin-api":"^1.0 || ^2.0"}}'
mk dual '{"name":"example/dual-licensed","version":"1.0.0","type":"library","license":["LGPL-2.1-only","GPL-3.0-or-later"]}'
cat > composer.json <<'JSON'
{
  "name": "example/app",
  "type": "project",
  "repositories": [{"packagist.org": false}, {"type": "path", "url": "pkgs/*", "options": {"symlink": false}}],
  "require": {"symfony/console": "*", "monolog/monolog": "*", "guzzlehttp/guzzle": "*", "symfony/polyfill-pack": "*", "composer/installers": "*", "example/dual-licensed": "*"},
  "require-dev": {"phpunit/phpunit": "*"},
  "minimum-stability": "stable",
  "config": {"allow-plugins": {"composer/installers": false}}
}
JSON
export COMPOSER_DISABLE_NETWORK=1 HOME="$PWD/home"
composer install --no-interaction --no-plugins --no-scripts
composer licenses --format=json --no-plugins > licenses.json
cp vendor/composer/installed.json installed.json
