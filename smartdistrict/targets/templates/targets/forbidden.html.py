BBBBBBB BBBBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBBB gettext(u'Not allowed') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'You cannot do this here') XXXXX
XXX gettext(u'Your account does not have the role this page needs. Ask an administrator.') XXXX
BBBBBBBB
