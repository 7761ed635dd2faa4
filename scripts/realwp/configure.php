<?php
/**
 * Theme setup in a second process (the active theme has now registered its sidebars and menu
 * locations): pretty permalinks, a primary menu, classic sidebar widgets.
 * Usage: REALWP_PORT=N php configure.php [--plugins]
 */
require __DIR__ . '/bootstrap.php';
realwp_admin();
$plugins = in_array('--plugins', $argv, true);

flush_rewrite_rules(false);
delete_option('theme_switched');

// ---- primary menu: the test data's pages ------------------------------------------------
$menu_name = 'Primary';
$existing = wp_get_nav_menu_object($menu_name);
if ($existing) { wp_delete_nav_menu($existing->term_id); }
$menu_id = wp_create_nav_menu($menu_name);
if (is_wp_error($menu_id)) { fwrite(STDERR, "realwp: menu: " . $menu_id->get_error_message() . "\n"); exit(1); }
$tree = [
    2 => [1133, 1134, 501],   // About The Tests and three of its children
    703 => [],                 // Blog
    146 => [],                 // Lorem Ipsum
    174 => [173, 742, 744],    // Level 1
    733 => [],                 // Page A
    735 => [],                 // Page B
];
$add = function (int $page, int $parent) use ($menu_id) {
    $id = wp_update_nav_menu_item($menu_id, 0, [
        'menu-item-object-id' => $page,
        'menu-item-object' => 'page',
        'menu-item-type' => 'post_type',
        'menu-item-status' => 'publish',
        'menu-item-parent-id' => $parent,
    ]);
    if (is_wp_error($id)) { fwrite(STDERR, "realwp: menu item $page: " . $id->get_error_message() . "\n"); exit(1); }
    return $id;
};
foreach ($tree as $page => $children) {
    if (!get_post($page)) { continue; }
    $top = $add($page, 0);
    foreach ($children as $child) {
        if (get_post($child)) { $add($child, $top); }
    }
}
$locations = get_theme_mod('nav_menu_locations', []);
$registered = array_keys(get_registered_nav_menus());
if (in_array('primary', $registered, true) || !$registered) { $locations['primary'] = $menu_id; }
$social = wp_get_nav_menu_object('social-menu');
if ($social && in_array('footer', $registered, true)) { $locations['footer'] = $social->term_id; }
set_theme_mod('nav_menu_locations', $locations);

// ---- classic widgets ---------------------------------------------------------------------
$firm = <<<HTML
<p><strong>Harrowgate &amp; Finch Consulting Ltd</strong></p>
<p>Registered in England and Wales, company number 09876543<br>
Registered office: 14 Wexley Row, Clifton, Bristol BS8 4QD</p>
<p>Telephone: <a href="tel:+441174960123">0117 496 0123</a><br>
Mobile: <a href="tel:+447700900456">07700 900456</a><br>
Email: <a href="mailto:hello@harrowgate-finch.example">hello@harrowgate-finch.example</a></p>
HTML;
update_option('widget_recent-posts', [2 => ['title' => 'Recent Posts', 'number' => 5, 'show_date' => false], '_multiwidget' => 1]);
update_option('widget_archives', [2 => ['title' => 'Archives', 'count' => 0, 'dropdown' => 0], '_multiwidget' => 1]);
update_option('widget_categories', [2 => ['title' => 'Categories', 'count' => 0, 'hierarchical' => 0, 'dropdown' => 0], '_multiwidget' => 1]);
update_option('widget_meta', [2 => ['title' => 'Meta'], '_multiwidget' => 1]);
$texts = [2 => ['title' => 'Contact us', 'text' => $firm, 'filter' => true, 'visual' => true], '_multiwidget' => 1];
$area = ['text-2', 'recent-posts-2', 'archives-2', 'categories-2', 'meta-2'];
if ($plugins) {
    // The footer line a firm's site carries on every page (Companies Act disclosure).
    $texts[3] = ['title' => '', 'filter' => true, 'visual' => true, 'text' =>
        '<p class="footer-legal">&copy; ' . gmdate('Y') . ' Harrowgate &amp; Finch Consulting Ltd. Registered in England and Wales No. 09876543. '
        . 'VAT Reg. No. GB 123 4567 89. Registered office: 14 Wexley Row, Clifton, Bristol BS8 4QD. '
        . 'Authorised and regulated by the Financial Conduct Authority (FRN 123456).</p>'];
    $area[] = 'text-3';
}
update_option('widget_text', $texts);

if ($plugins) {
    // A page built with Advanced Custom Fields: its post_content empty, its text in custom fields
    // (each value beside ACF's own "_<name>" => "field_..." mark), printed by the theme (here the
    // mu-plugin, on rendered pages only: REST's content.rendered stays empty, as it is on such sites).
    $old = get_page_by_path('our-services');
    if ($old) { wp_delete_post($old->ID, true); }
    $acf = wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Our Services',
                           'post_name' => 'our-services', 'post_content' => '',
                           'post_date' => '2024-02-01 09:00:00'], true);
    if (is_wp_error($acf)) { fwrite(STDERR, "realwp: ACF page: " . $acf->get_error_message() . "\n"); exit(1); }
    update_post_meta($acf, 'hero_title', 'Legal services for families');
    update_post_meta($acf, '_hero_title', 'field_65b1a2b3c4d5e');
    update_post_meta($acf, 'sections_0_text', '<p>We handle <strong>wills</strong>, probate and lasting powers of attorney for families across Bristol.</p>');
    update_post_meta($acf, '_sections_0_text', 'field_65b1a2b3c4d5f');
}
$sidebars = [];
foreach (array_keys($GLOBALS['wp_registered_sidebars']) as $sid) { $sidebars[$sid] = []; }
$first = array_key_first($GLOBALS['wp_registered_sidebars']);
if ($first !== null) { $sidebars[$first] = $area; }
$sidebars['wp_inactive_widgets'] = [];
$sidebars['array_version'] = 3;
update_option('sidebars_widgets', $sidebars);
update_option('realwp_plugins', $plugins ? 1 : 0);
echo 'configured: menu ' . $menu_id . ' at ' . implode(',', array_keys($locations)) . '; widgets in ' . ($first ?? '(no sidebar: block theme)') . "\n";
