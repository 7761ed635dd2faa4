<?php
/**
 * Install WordPress without a browser, empty it, set permalinks and activate the theme.
 * Usage: REALWP_PORT=N php wp-install.php THEME WXR
 * (Widgets and menus are set in configure.php, a second process: the theme registers its
 * sidebars and menu locations only when it is active while WordPress loads.)
 */
define('WP_INSTALLING', true);
require __DIR__ . '/bootstrap.php';
// No sendmail here: skip the "new site" mail instead of letting it fail.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

[$theme, $wxr] = [$argv[1] ?? 'twentytwentyone', $argv[2] ?? ''];
// Site title as the correct seeding had it (the theme blocks post renders it).
$title = 'Theme Unit Test Site';
$result = wp_install($title, 'admin', 'admin@example.com', true, '', 'password');
if (is_wp_error($result) || empty($result['user_id'])) {
    fwrite(STDERR, "realwp: wp_install failed\n");
    exit(1);
}
wp_set_current_user($result['user_id']);

// The posts, page and comment a fresh install creates would take the WXR's ids 1..3.
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    wp_delete_post($p->ID, true);
}
foreach (get_comments() as $c) {
    wp_delete_comment($c->comment_ID, true);
}
update_option('blogdescription', '');
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
update_option('show_on_front', 'posts');
update_option('timezone_string', '');
update_option('gmt_offset', 0);
update_option('page_comments', 0);
update_option('default_pingback_flag', 0);
update_option('default_ping_status', 'closed');

if (!wp_get_theme($theme)->exists()) {
    fwrite(STDERR, "realwp: theme $theme is not installed\n");
    exit(1);
}
switch_theme($theme);
echo "installed, theme $theme\n";
