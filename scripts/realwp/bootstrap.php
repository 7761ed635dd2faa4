<?php
/**
 * Load WordPress from the command line for the realwp harness instance on REALWP_PORT.
 * Debian's wp-config.php picks /etc/wordpress/config-<host>.php from HTTP_HOST, so set it first.
 */
$realwp_port = getenv('REALWP_PORT');
if (!$realwp_port || !ctype_digit($realwp_port)) {
    fwrite(STDERR, "realwp: REALWP_PORT is not set\n");
    exit(2);
}
$_SERVER['HTTP_HOST'] = '127.0.0.1:' . $realwp_port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = $realwp_port;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
error_reporting(E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED & ~E_NOTICE);
require '/usr/share/wordpress/wp-load.php';

function realwp_admin(): void {
    $admin = get_user_by('login', 'admin');
    wp_set_current_user($admin ? $admin->ID : 1);
}
