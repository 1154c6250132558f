/** Function words of Italian and English that carry no topic; folded (no accents). */
export const STOPWORDS = new Set(
  (
    'a ad al allo ai agli all alla alle agl da dal dallo dai dagli dall dalla dalle di del dello dei degli dell della delle d in nel nello nei negli nell nella nelle ' +
    'con col coi su sul sullo sui sugli sull sulla sulle per tra fra il lo la i gli le l un uno una un e ed o od ma se che chi cui come dove quando quale quali ' +
    'quanto quanta quanti quante mi ti si ci vi ne io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua nostro nostra questo questa questi queste quello ' +
    'quel quei quegli quella quelli quelle tramite attraverso sono sei e siamo siete ho hai ha abbiamo avete hanno essere avere c vorrei voglio posso puoi puo fare faccio fa non piu anche gia ' +
    'the of for to and in on at by with from an is are was be can i you we my your me how what where when which who do does there this that these those it ' +
    'some any about near please want would like get'
  ).split(' '),
);
