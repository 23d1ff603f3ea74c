def test_login_page_renders_in_dutch(browser):
    r = browser.get("/inloggen")
    assert r.status_code == 200
    assert 'lang="nl"' in r.get_data(as_text=True)


def test_coordinator_sees_own_tenant_and_404_elsewhere(login, world):
    b = login("coordinator_a")
    r = b.get(f"/g/{world.slugs['a']}/")
    assert r.status_code == 200
    assert "Utrecht" in r.get_data(as_text=True)
    assert b.get(f"/g/{world.slugs['b']}/").status_code == 404
    assert b.get(f"/g/{world.slugs['b']}/team/").status_code == 404
    assert b.get("/g/does-not-exist/").status_code == 404
