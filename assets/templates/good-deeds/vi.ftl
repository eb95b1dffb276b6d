caption =
    🌸 NGƯỜI TỐT, VIỆC TỐT
    { $title }

    💬 “{ $quote }”
    – { $name }, { $role }

    { $deed }

    { $name } là tấm gương sáng để bà con cùng biết, cùng học tập và lan tỏa những việc làm tốt đẹp trong cộng đồng. Bà con biết những gương người tốt, việc tốt khác, hãy nhắn tin cho trang để chúng tôi giới thiệu trong các kỳ sau.
    { $commune }

    #NgườiTốtViệcTốt #GươngSángBảnLàng #LanTỏaYêuThương
label-kicker = Người tốt, việc tốt
label-deed = Việc làm đáng quý
